package dev.outpost.testing;

import dev.outpost.ComplexValue;
import dev.outpost.EntityValue;
import dev.outpost.model.QualifiedName;
import dev.outpost.query.BooleanProperty;
import dev.outpost.query.CollectionNavigation;
import dev.outpost.query.CollectionProperty;
import dev.outpost.query.ComplexProperty;
import dev.outpost.query.DateProperty;
import dev.outpost.query.DateTimeOffsetProperty;
import dev.outpost.query.DecimalProperty;
import dev.outpost.query.DurationProperty;
import dev.outpost.query.EntityNavigation;
import dev.outpost.query.EnumProperty;
import dev.outpost.query.GuidProperty;
import dev.outpost.query.IntegerProperty;
import dev.outpost.query.ODataEnum;
import dev.outpost.query.StringExpression;
import dev.outpost.query.StringProperty;

/** Typed descriptors of the field-service model, in the shape generated code has. */
public final class Fs {

    private Fs() {
    }

    public enum Status implements ODataEnum {
        NEW("New", 0), SCHEDULED("Scheduled", 1), IN_PROGRESS("InProgress", 2), DONE("Done", 3), CANCELLED("Cancelled", 4);

        public static final QualifiedName TYPE = new QualifiedName("FieldService", "WorkOrderStatus");
        private final String name;
        private final long value;

        Status(String name, long value) {
            this.name = name;
            this.value = value;
        }

        @Override
        public QualifiedName odataType() {
            return TYPE;
        }

        @Override
        public String odataName() {
            return name;
        }

        @Override
        public long odataValue() {
            return value;
        }
    }

    public static final class Address extends ComplexValue {
        public static final StringProperty STREET = StringProperty.of("Street");
        public static final StringProperty CITY = StringProperty.of("City");
        public static final StringProperty COUNTRY = StringProperty.of("Country");

        public Address() {
            super(FieldService.ADDRESS);
        }
    }

    public static final class Customer extends EntityValue {
        public static final GuidProperty ID = GuidProperty.of("Id");
        public static final StringProperty NAME = StringProperty.of("Name");
        public static final ComplexProperty<Address> ADDRESS = ComplexProperty.of("Address", FieldService.ADDRESS,
                Address.class, Address::new);
        public static final CollectionNavigation<WorkOrder> WORK_ORDERS = CollectionNavigation.of("WorkOrders",
                FieldService.WORK_ORDER);

        public Customer() {
            super(FieldService.CUSTOMER);
        }
    }

    public static final class Technician extends EntityValue {
        public static final IntegerProperty<Integer> ID = IntegerProperty.int32("Id");
        public static final StringProperty NAME = StringProperty.of("Name");
        public static final CollectionProperty<String, StringExpression> SKILLS = CollectionProperty.ofStrings("Skills");
        public static final DecimalProperty HOURLY_RATE = DecimalProperty.of("HourlyRate");

        public Technician() {
            super(FieldService.TECHNICIAN);
        }
    }

    public static final class Part extends EntityValue {
        public static final StringProperty PART_NUMBER = StringProperty.of("PartNumber");
        public static final StringProperty NAME = StringProperty.of("Name");
        public static final DecimalProperty UNIT_PRICE = DecimalProperty.of("UnitPrice");
        public static final IntegerProperty<Integer> IN_STOCK = IntegerProperty.int32("InStock");

        public Part() {
            super(FieldService.PART);
        }
    }

    public static final class Task extends EntityValue {
        public static final IntegerProperty<Long> WORK_ORDER_ID = IntegerProperty.int64("WorkOrderId");
        public static final IntegerProperty<Integer> LINE_NO = IntegerProperty.int32("LineNo");
        public static final StringProperty DESCRIPTION = StringProperty.of("Description");
        public static final BooleanProperty DONE = BooleanProperty.of("Done");
        public static final DurationProperty ESTIMATED_DURATION = DurationProperty.of("EstimatedDuration");
        public static final EntityNavigation<WorkOrder> WORK_ORDER = EntityNavigation.of("WorkOrder", FieldService.WORK_ORDER);

        public Task() {
            super(FieldService.TASK);
        }
    }

    public static final class WorkOrder extends EntityValue {
        public static final IntegerProperty<Long> ID = IntegerProperty.int64("Id");
        public static final StringProperty TITLE = StringProperty.of("Title");
        public static final StringProperty DESCRIPTION = StringProperty.of("Description");
        public static final EnumProperty<Status> STATUS = EnumProperty.of("Status", Status.class, Status.TYPE);
        public static final IntegerProperty<Integer> PRIORITY = IntegerProperty.int32("Priority");
        public static final DecimalProperty ESTIMATED_COST = DecimalProperty.of("EstimatedCost");
        public static final DateProperty DUE_DATE = DateProperty.of("DueDate");
        public static final DateTimeOffsetProperty CREATED_AT = DateTimeOffsetProperty.of("CreatedAt");
        public static final ComplexProperty<Address> SITE_ADDRESS = ComplexProperty.of("SiteAddress", FieldService.ADDRESS,
                Address.class, Address::new);
        public static final GuidProperty CUSTOMER_ID = GuidProperty.of("CustomerId");
        public static final EntityNavigation<Customer> CUSTOMER = EntityNavigation.of("Customer", FieldService.CUSTOMER);
        public static final EntityNavigation<Technician> TECHNICIAN = EntityNavigation.of("Technician", FieldService.TECHNICIAN);
        public static final CollectionNavigation<Task> TASKS = CollectionNavigation.of("Tasks", FieldService.TASK);
        public static final CollectionNavigation<Part> PARTS = CollectionNavigation.of("Parts", FieldService.PART);

        public WorkOrder() {
            super(FieldService.WORK_ORDER);
        }
    }
}
