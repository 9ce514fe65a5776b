package dev.outpost;

import dev.outpost.model.MetadataSource;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.ServiceModel;
import dev.outpost.query.CollectionNavigation;
import dev.outpost.query.ComplexProperty;
import dev.outpost.query.DataQuery;
import dev.outpost.query.ODataEnum;
import dev.outpost.query.StringProperty;
import dev.outpost.spi.ValueFactory;
import dev.outpost.testing.FieldService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What generated code needs from the typed API beyond the descriptors: deep insert of a
 * collection through its descriptor, complex values that keep their actual derived type, and
 * key lookups of entity sets whose key is an enum.
 */
class TypedApiGapsTest {

    @TempDir
    Path dir;

    @Test
    void aCollectionNavigationTakesNewRelatedEntitiesForDeepInsert() {
        CollectionNavigation<EntityValue> tasks = CollectionNavigation.of("Tasks", FieldService.TASK);
        EntityValue order = FieldService.workOrder("Deep");
        order.set(tasks, List.of(FieldService.task(1, "one"), FieldService.task(2, "two")));

        try (OfflineStore store = OfflineStore.open(StoreOptions.of(dir.resolve("deep.db"), FieldService.model()))) {
            DataService service = new DataService(store);
            service.createEntity(order);
            EntityValue read = service.executeQuery(DataQuery.parse(order.readLink() + "?$expand=Tasks($orderby=LineNo)"))
                    .entities().get(0);
            assertThat(read.get(tasks)).extracting(t -> t.getValue("Description")).containsExactly("one", "two");
        }
    }

    /** An abstract complex type and one derived type, as generated code declares them. */
    abstract static class Shape extends ComplexValue {
        static final QualifiedName TYPE = new QualifiedName("Draw", "Shape");

        Shape(QualifiedName type) {
            super(type);
        }
    }

    static final class Circle extends Shape {
        static final QualifiedName TYPE = new QualifiedName("Draw", "Circle");
        static final StringProperty RADIUS = StringProperty.of("Radius");

        Circle() {
            super(TYPE);
        }
    }

    /** What a generated value factory does: the class of each type that has one. */
    static final ValueFactory SHAPES = new ValueFactory() {
        @Override
        public EntityValue newEntity(QualifiedName entityType) {
            return new EntityValue(entityType);
        }

        @Override
        public ComplexValue newComplex(QualifiedName complexType) {
            return complexType.equals(Circle.TYPE) ? new Circle() : new ComplexValue(complexType);
        }
    };

    @Test
    void aComplexPropertyOfAnAbstractTypeKeepsTheActualDerivedType() {
        ComplexProperty<Shape> outline = ComplexProperty.of("Outline", Shape.TYPE, Shape.class, SHAPES);
        ComplexValue dynamic = new ComplexValue(Circle.TYPE).setValue("Radius", "2.5");

        Shape shape = outline.fromValue(dynamic);

        assertThat(shape).isInstanceOf(Circle.class);
        assertThat(shape.complexType()).isEqualTo(Circle.TYPE);
        assertThat(shape.get(Circle.RADIUS)).isEqualTo("2.5");
        Circle typed = new Circle();
        assertThat(outline.fromValue(typed)).isSameAs(typed);
        assertThat(outline.fromValue(null)).isNull();
        assertThatThrownBy(() -> outline.fromValue(new ComplexValue(new QualifiedName("Draw", "Polygon"))))
                .isInstanceOf(ClassCastException.class)
                .hasMessage("property 'Outline' holds a value of type Draw.Polygon, which has no generated class that"
                        + " extends " + Shape.class.getName() + "; regenerate the proxies if the service added the type");
    }

    /** A generated enum. */
    enum Kind implements ODataEnum {
        DAILY("Daily", 0), WEEKLY("Weekly", 1);

        static final QualifiedName TYPE = new QualifiedName("Plans", "Kind");
        private final String name;
        private final long value;

        Kind(String name, long value) {
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

    private static final String ENUM_KEYED = """
            <?xml version="1.0" encoding="UTF-8"?>
            <edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">
              <edmx:DataServices>
                <Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="Plans">
                  <EnumType Name="Kind">
                    <Member Name="Daily" Value="0"/>
                    <Member Name="Weekly" Value="1"/>
                  </EnumType>
                  <EntityType Name="Plan">
                    <Key><PropertyRef Name="Kind"/><PropertyRef Name="Team"/></Key>
                    <Property Name="Kind" Type="Plans.Kind" Nullable="false"/>
                    <Property Name="Team" Type="Edm.String" Nullable="false"/>
                    <Property Name="Note" Type="Edm.String"/>
                  </EntityType>
                  <EntityType Name="Schedule">
                    <Key><PropertyRef Name="Kind"/></Key>
                    <Property Name="Kind" Type="Plans.Kind" Nullable="false"/>
                    <Property Name="Note" Type="Edm.String"/>
                  </EntityType>
                  <EntityContainer Name="Container">
                    <EntitySet Name="Plans" EntityType="Plans.Plan"/>
                    <EntitySet Name="Schedules" EntityType="Plans.Schedule"/>
                  </EntityContainer>
                </Schema>
              </edmx:DataServices>
            </edmx:Edmx>
            """;

    @Test
    void entitySetsWithEnumKeysAreFetchedByKey() {
        ServiceModel model = ServiceModel.read(MetadataSource.bytes("plans.xml", ENUM_KEYED.getBytes(StandardCharsets.UTF_8)));
        try (OfflineStore store = OfflineStore.open(StoreOptions.of(dir.resolve("plans.db"), model))) {
            DataService service = new DataService(store);
            for (String kind : List.of("Daily", "Weekly")) {
                service.createEntity(new EntityValue(new QualifiedName("Plans", "Schedule")).setValue("Kind", kind)
                        .setValue("Note", kind + " schedule"));
                service.createEntity(new EntityValue(new QualifiedName("Plans", "Plan")).setValue("Kind", kind)
                        .setValue("Team", "Ops").setValue("Note", kind + " plan"));
            }

            DataQuery single = DataQuery.from("Schedules").withKey(Kind.WEEKLY);
            assertThat(single.toUrl()).isEqualTo("Schedules('Weekly')");
            assertThat(service.executeQuery(single).entities()).singleElement()
                    .satisfies(e -> assertThat(e.getValue("Note")).isEqualTo("Weekly schedule"));
            assertThat(service.executeQuery(DataQuery.parse("Schedules('Daily')")).entities()).singleElement()
                    .satisfies(e -> assertThat(e.getValue("Note")).isEqualTo("Daily schedule"));

            Map<String, Object> key = new LinkedHashMap<>();
            key.put("Kind", Kind.DAILY);
            key.put("Team", "Ops");
            DataQuery both = DataQuery.from("Plans").withKey(key);
            assertThat(both.toUrl()).isEqualTo("Plans(Kind='Daily',Team='Ops')");
            assertThat(service.executeQuery(both).entities()).singleElement()
                    .satisfies(e -> assertThat(e.getValue("Note")).isEqualTo("Daily plan"));
        }
    }
}
