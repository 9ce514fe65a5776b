package dev.outpost.query;

import dev.outpost.ComplexValue;
import dev.outpost.EntityValue;
import dev.outpost.model.PrimitiveType;
import dev.outpost.model.QualifiedName;

/** Descriptors written the way generated code declares them, for a small test service. */
final class Shop {

    static final String NS = "Test.Shop";

    enum Status implements ODataEnum {
        NEW("New", 0), IN_PROGRESS("InProgress", 2), DONE("Done", 3);

        static final QualifiedName TYPE = new QualifiedName(NS, "Status");
        private final String odataName;
        private final long value;

        Status(String odataName, long value) {
            this.odataName = odataName;
            this.value = value;
        }

        @Override
        public QualifiedName odataType() {
            return TYPE;
        }

        @Override
        public String odataName() {
            return odataName;
        }

        @Override
        public long odataValue() {
            return value;
        }
    }

    enum Skill implements ODataEnum {
        ELECTRICAL("Electrical", 1), PLUMBING("Plumbing", 2), WELDING("Welding", 4);

        static final QualifiedName TYPE = new QualifiedName(NS, "Skill");
        private final String odataName;
        private final long value;

        Skill(String odataName, long value) {
            this.odataName = odataName;
            this.value = value;
        }

        @Override
        public QualifiedName odataType() {
            return TYPE;
        }

        @Override
        public String odataName() {
            return odataName;
        }

        @Override
        public long odataValue() {
            return value;
        }
    }

    static final class Address extends ComplexValue {
        static final QualifiedName TYPE = new QualifiedName(NS, "Address");
        static final StringProperty CITY = StringProperty.of("City");
        static final StringProperty STREET = StringProperty.of("Street");

        Address() {
            super(TYPE);
        }
    }

    static class Customer extends EntityValue {
        static final QualifiedName TYPE = new QualifiedName(NS, "Customer");
        static final GuidProperty ID = GuidProperty.of("Id");
        static final StringProperty NAME = StringProperty.of("Name");
        static final ComplexProperty<Address> ADDRESS = ComplexProperty.of("Address", Address.TYPE, Address.class, Address::new);
        static final CollectionNavigation<Order> ORDERS = CollectionNavigation.of("Orders", Order.TYPE);

        Customer() {
            super(TYPE);
        }

        Customer(QualifiedName type) {
            super(type);
        }
    }

    /** A derived type of Customer. */
    static final class Vip extends Customer {
        static final QualifiedName TYPE = new QualifiedName(NS, "Vip");
        static final IntegerProperty<Integer> LEVEL = IntegerProperty.int32("Level");
        static final CollectionNavigation<Order> PERKS = CollectionNavigation.of("Perks", Order.TYPE);

        Vip() {
            super(TYPE);
        }
    }

    static final class Task extends EntityValue {
        static final QualifiedName TYPE = new QualifiedName(NS, "Task");
        static final IntegerProperty<Integer> LINE_NO = IntegerProperty.int32("LineNo");
        static final BooleanProperty DONE = BooleanProperty.of("Done");
        static final StringProperty DESCRIPTION = StringProperty.of("Description");
        static final EntityNavigation<Order> ORDER = EntityNavigation.of("Order", Order.TYPE);

        Task() {
            super(TYPE);
        }
    }

    static class Order extends EntityValue {
        static final QualifiedName TYPE = new QualifiedName(NS, "Order");
        static final QualifiedName RUSH_ORDER = new QualifiedName(NS, "RushOrder");
        static final IntegerProperty<Long> ID = IntegerProperty.int64("Id");
        static final StringProperty TITLE = StringProperty.of("Title");
        static final EnumProperty<Status> STATUS = EnumProperty.of("Status", Status.class, Status.TYPE);
        static final FlagsProperty<Skill> SKILLS = FlagsProperty.of("Skills", Skill.class, Skill.TYPE);
        static final IntegerProperty<Integer> PRIORITY = IntegerProperty.int32("Priority");
        static final IntegerProperty<Short> SMALL = IntegerProperty.int16("Small");
        static final IntegerProperty<Short> OCTET = IntegerProperty.byteProperty("Octet");
        static final IntegerProperty<Byte> SIGNED_OCTET = IntegerProperty.sbyte("SignedOctet");
        static final DecimalProperty COST = DecimalProperty.of("Cost");
        static final FloatingProperty<Double> WEIGHT = FloatingProperty.doubleProperty("Weight");
        static final FloatingProperty<Float> RATIO = FloatingProperty.single("Ratio");
        static final BooleanProperty URGENT = BooleanProperty.of("Urgent");
        static final DateProperty DUE = DateProperty.of("Due");
        static final TimeOfDayProperty START = TimeOfDayProperty.of("Start");
        static final DateTimeOffsetProperty CREATED = DateTimeOffsetProperty.of("Created");
        static final DurationProperty EFFORT = DurationProperty.of("Effort");
        static final GuidProperty CUSTOMER_ID = GuidProperty.of("CustomerId");
        static final BinaryProperty SIGNATURE = BinaryProperty.of("Signature");
        static final GeoProperty SITE = GeoProperty.of("Site", PrimitiveType.GEOGRAPHY_POINT);
        static final CollectionProperty<String, StringExpression> TAGS = CollectionProperty.ofStrings("Tags");
        static final ComplexProperty<Address> SHIP_TO = ComplexProperty.of("ShipTo", Address.TYPE, Address.class, Address::new);
        static final EntityNavigation<Customer> CUSTOMER = EntityNavigation.of("Customer", Customer.TYPE);
        static final CollectionNavigation<Task> TASKS = CollectionNavigation.of("Tasks", Task.TYPE);

        Order() {
            super(TYPE);
        }

        Order(QualifiedName type) {
            super(type);
        }
    }

    /** A derived type of Order. */
    static final class RushOrder extends Order {
        static final QualifiedName TYPE = Order.RUSH_ORDER;
        static final DecimalProperty FEE = DecimalProperty.of("Fee");
        static final BooleanProperty EXPRESS = BooleanProperty.of("Express");
        static final EntityNavigation<Customer> COURIER = EntityNavigation.of("Courier", Customer.TYPE);

        RushOrder() {
            super(TYPE);
        }
    }

    private Shop() {
    }
}
