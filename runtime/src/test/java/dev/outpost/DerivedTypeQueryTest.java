package dev.outpost;

import dev.outpost.model.MetadataSource;
import dev.outpost.model.PrimitiveType;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.ServiceModel;
import dev.outpost.query.BooleanProperty;
import dev.outpost.query.CollectionNavigation;
import dev.outpost.query.DataQuery;
import dev.outpost.query.EntityNavigation;
import dev.outpost.query.IntegerProperty;
import dev.outpost.query.QueryFunction;
import dev.outpost.query.StringProperty;
import dev.outpost.query.TypeCast;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Q4 and G4, derived-type casts inside query paths on a store whose model has inheritance
 * ({@code zoo/metadata.xml}: Animal, Bird, Parrot, Fish): each typed query renders the given
 * URL, the URL string parses back to a query with the same URL, and both read the same,
 * expected rows.
 */
class DerivedTypeQueryTest {

    static final String NS = "Test.Zoo";

    /** Descriptors written the way generated code declares them. */
    static class Animal extends EntityValue {
        static final QualifiedName TYPE = new QualifiedName(NS, "Animal");
        static final IntegerProperty<Long> ID = IntegerProperty.int64("Id");
        static final StringProperty NAME = StringProperty.of("Name");

        Animal() {
            super(TYPE);
        }

        Animal(QualifiedName type) {
            super(type);
        }
    }

    static class Bird extends Animal {
        static final QualifiedName TYPE = new QualifiedName(NS, "Bird");
        static final IntegerProperty<Integer> WING_SPAN = IntegerProperty.int32("WingSpan");
        static final BooleanProperty CAN_FLY = BooleanProperty.of("CanFly");
        static final IntegerProperty<Integer> SIZE = IntegerProperty.int32("Size");
        static final CollectionNavigation<Egg> EGGS = CollectionNavigation.of("Eggs", Egg.TYPE);

        Bird() {
            super(TYPE);
        }

        Bird(QualifiedName type) {
            super(type);
        }
    }

    static final class Parrot extends Bird {
        static final QualifiedName TYPE = new QualifiedName(NS, "Parrot");
        static final IntegerProperty<Integer> WORDS = IntegerProperty.int32("Words");

        Parrot() {
            super(TYPE);
        }
    }

    static final class Fish extends Animal {
        static final QualifiedName TYPE = new QualifiedName(NS, "Fish");
        static final IntegerProperty<Integer> SIZE = IntegerProperty.int32("Size");

        Fish() {
            super(TYPE);
        }
    }

    static final class Egg extends EntityValue {
        static final QualifiedName TYPE = new QualifiedName(NS, "Egg");

        Egg() {
            super(TYPE);
        }
    }

    static final class Keeper extends EntityValue {
        static final QualifiedName TYPE = new QualifiedName(NS, "Keeper");
        static final IntegerProperty<Long> ID = IntegerProperty.int64("Id");
        static final CollectionNavigation<Animal> ANIMALS = CollectionNavigation.of("Animals", Animal.TYPE);
        static final EntityNavigation<Animal> FAVOURITE = EntityNavigation.of("Favourite", Animal.TYPE);

        Keeper() {
            super(TYPE);
        }
    }

    static final DataQuery ANIMALS = DataQuery.from("Animals");
    static final DataQuery KEEPERS = DataQuery.from("Keepers");
    static final TypeCast<Bird> AS_BIRD = TypeCast.to(Bird.TYPE);

    @TempDir
    static Path dir;
    static OfflineStore store;
    static DataService service;

    @BeforeAll
    static void open() {
        ServiceModel model = ServiceModel.read(MetadataSource.classpath("zoo/metadata.xml"));
        store = OfflineStore.open(StoreOptions.of(dir.resolve("zoo.db"), model));
        service = new DataService(store);
        publish("Keepers",
                "{\"Id\":1,\"Name\":\"Ada\",\"FavouriteId\":12}",
                "{\"Id\":2,\"Name\":\"Bob\",\"FavouriteId\":21}",
                "{\"Id\":3,\"Name\":\"Cy\",\"FavouriteId\":11}",
                "{\"Id\":4,\"Name\":\"Dee\",\"FavouriteId\":1}");
        publish("Animals",
                "{\"Id\":1,\"Name\":\"Goat\",\"KeeperId\":1}",
                "{\"@odata.type\":\"#Test.Zoo.Bird\",\"Id\":11,\"Name\":\"Crow\",\"WingSpan\":90,\"CanFly\":true,\"Size\":3,\"KeeperId\":1}",
                "{\"@odata.type\":\"#Test.Zoo.Parrot\",\"Id\":12,\"Name\":\"Polly\",\"WingSpan\":60,\"CanFly\":true,\"Size\":2,"
                        + "\"Words\":40,\"KeeperId\":1}",
                "{\"@odata.type\":\"#Test.Zoo.Bird\",\"Id\":13,\"Name\":\"Kiwi\",\"WingSpan\":20,\"CanFly\":false,\"Size\":4,\"KeeperId\":3}",
                "{\"@odata.type\":\"#Test.Zoo.Fish\",\"Id\":21,\"Name\":\"Nemo\",\"Size\":3,\"KeeperId\":2}",
                "{\"@odata.type\":\"#Test.Zoo.Fish\",\"Id\":22,\"Name\":\"Jaws\",\"Size\":9,\"KeeperId\":2}");
        publish("Eggs",
                "{\"Id\":101,\"Weight\":10,\"BirdId\":11}",
                "{\"Id\":102,\"Weight\":12,\"BirdId\":11}",
                "{\"Id\":103,\"Weight\":50,\"BirdId\":13}");
    }

    private static void publish(String set, String... json) {
        List<com.fasterxml.jackson.databind.node.ObjectNode> entities = new java.util.ArrayList<>();
        for (String j : json) {
            entities.add(StoreFixture.parse(j));
        }
        store.local().publishServerState(set, entities, List.of());
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static List<EntityValue> run(DataQuery q) {
        return service.executeQuery(q).entities();
    }

    private static List<Object> ids(List<EntityValue> entities) {
        return entities.stream().map(e -> e.getValue("Id")).toList();
    }

    /**
     * The typed query renders {@code url}, the URL parses back to the same query, and both read
     * the entities with the expected IDs, in that order.
     */
    private static void sameRows(DataQuery typed, String url, Long... expectedIds) {
        assertThat(java.net.URLDecoder.decode(typed.toUrl(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(url);
        DataQuery parsed = DataQuery.parse(url);
        // literal types may differ (a parsed 2 is an Int32 where the DSL may say Int64); the rendering may not
        assertThat(parsed.toUrl()).as("the URL parses back to the same query").isEqualTo(typed.toUrl());
        assertThat(ids(run(typed))).containsExactly((Object[]) expectedIds);
        assertThat(ids(run(parsed))).containsExactly((Object[]) expectedIds);
    }

    @Test
    void theStoreKeepsEachRowsDerivedType() {
        // the premise of the other tests: the rows really have the derived types
        assertThat(ids(run(DataQuery.parse("Animals?$filter=isof(Test.Zoo.Bird)")))).containsExactly(11L, 12L, 13L);
        assertThat(ids(run(DataQuery.parse("Animals/Test.Zoo.Fish")))).containsExactly(21L, 22L);
    }

    @Test
    void aCastAtTheStartOfAFilterPathReadsTheDerivedTypesProperty() {
        sameRows(ANIMALS.filter(AS_BIRD.path(Bird.WING_SPAN).gt(50)),
                "Animals?$filter=Test.Zoo.Bird/WingSpan gt 50", 11L, 12L);
    }

    @Test
    void aCastToAMoreDerivedTypeExcludesRowsOfTheBaseTypeThatHaveTheProperty() {
        // Crow (a Bird, 90) has WingSpan too, but is no Parrot: cast to Parrot makes it null
        sameRows(ANIMALS.filter(TypeCast.<Parrot>to(Parrot.TYPE).path(Bird.WING_SPAN).gt(50)),
                "Animals?$filter=Test.Zoo.Parrot/WingSpan gt 50", 12L);
    }

    @Test
    void siblingTypesThatShareAColumnAreToldApartByTheCast() {
        // Crow (a Bird) and Nemo (a Fish) both have Size 3, in the same column
        sameRows(ANIMALS.filter(TypeCast.<Fish>to(Fish.TYPE).path(Fish.SIZE).eq(3)),
                "Animals?$filter=Test.Zoo.Fish/Size eq 3", 21L);
        sameRows(ANIMALS.filter(AS_BIRD.path(Bird.SIZE).eq(3)),
                "Animals?$filter=Test.Zoo.Bird/Size eq 3", 11L);
    }

    @Test
    void aCastAfterASingleValuedNavigation() {
        sameRows(KEEPERS.filter(Keeper.FAVOURITE.<Bird>cast(Bird.TYPE).path(Bird.WING_SPAN).gt(50)),
                "Keepers?$filter=Favourite/Test.Zoo.Bird/WingSpan gt 50", 1L, 3L);
        // Cy's favourite Crow has a wing span of 90 but is no Parrot
        sameRows(KEEPERS.filter(Keeper.FAVOURITE.<Parrot>cast(Parrot.TYPE).path(Bird.WING_SPAN).gt(50)),
                "Keepers?$filter=Favourite/Test.Zoo.Parrot/WingSpan gt 50", 1L);
        sameRows(KEEPERS.filter(Keeper.FAVOURITE.<Bird>cast(Bird.TYPE).path(Bird.WING_SPAN).isNull()),
                "Keepers?$filter=Favourite/Test.Zoo.Bird/WingSpan eq null", 2L, 4L);
    }

    @Test
    void aCastOnALambdaVariable() {
        sameRows(KEEPERS.filter(Keeper.ANIMALS.any(a -> a.<Bird>cast(Bird.TYPE).path(Bird.CAN_FLY))),
                "Keepers?$filter=Animals/any(a:a/Test.Zoo.Bird/CanFly)", 1L);
        sameRows(KEEPERS.filter(Keeper.ANIMALS.any(a -> a.<Parrot>cast(Parrot.TYPE).path(Parrot.WORDS).ge(10))),
                "Keepers?$filter=Animals/any(a:a/Test.Zoo.Parrot/Words ge 10)", 1L);
    }

    @Test
    void aCastOfACollectionKeepsOnlyItsMembersOfTheDerivedType() {
        sameRows(KEEPERS.filter(Keeper.ANIMALS.<Fish>cast(Fish.TYPE).any()),
                "Keepers?$filter=Animals/Test.Zoo.Fish/any()", 2L);
        sameRows(KEEPERS.filter(Keeper.ANIMALS.<Bird>cast(Bird.TYPE).count().ge(2)),
                "Keepers?$filter=Animals/Test.Zoo.Bird/$count ge 2", 1L);
        // all: Bob's and Dee's keepers have no birds (true for an empty collection); Cy's Kiwi cannot fly
        sameRows(KEEPERS.filter(Keeper.ANIMALS.<Bird>cast(Bird.TYPE).all(b -> b.path(Bird.CAN_FLY))),
                "Keepers?$filter=Animals/Test.Zoo.Bird/all(a:a/CanFly)", 1L, 2L, 4L);
    }

    @Test
    void aNavigationOfADerivedType() {
        sameRows(ANIMALS.filter(AS_BIRD.path(Bird.EGGS).any(e -> e.path(IntegerProperty.int32("Weight")).gt(40))),
                "Animals?$filter=Test.Zoo.Bird/Eggs/any(e:e/Weight gt 40)", 13L);
        sameRows(ANIMALS.filter(QueryFunction.entityExists(AS_BIRD.path(Bird.EGGS))),
                "Animals?$filter=sap.entityexists(Test.Zoo.Bird/Eggs)", 11L, 13L);
    }

    @Test
    void orderByAPropertyOfADerivedType() {
        sameRows(ANIMALS.filter(QueryFunction.isOf(Bird.TYPE)).orderBy(AS_BIRD.path(Bird.WING_SPAN).desc()),
                "Animals?$filter=isof(Test.Zoo.Bird)&$orderby=Test.Zoo.Bird/WingSpan desc", 11L, 12L, 13L);
        // null (not a bird) sorts first, as in SQLite; then by wing span
        sameRows(ANIMALS.orderBy(AS_BIRD.path(Bird.WING_SPAN).asc(), Animal.ID.asc()),
                "Animals?$orderby=Test.Zoo.Bird/WingSpan,Id", 1L, 21L, 22L, 13L, 12L, 11L);
    }

    @Test
    void selectAPropertyOfADerivedType() {
        DataQuery typed = ANIMALS.filter(Animal.ID.eq(12)).select(Animal.NAME, AS_BIRD.path(Bird.WING_SPAN));
        sameRows(typed, "Animals?$filter=Id eq 12&$select=Name,Test.Zoo.Bird/WingSpan", 12L);
        EntityValue polly = run(typed).get(0);
        assertThat(polly.getValue("WingSpan")).isEqualTo(60);
        assertThat(polly.has("Words")).isFalse();
    }

    @Test
    void expandANavigationOfADerivedType() {
        DataQuery typed = ANIMALS.filter(Animal.ID.in(1, 11, 13)).expand(AS_BIRD.path(Bird.EGGS));
        sameRows(typed, "Animals?$filter=Id in (1,11,13)&$expand=Test.Zoo.Bird/Eggs", 1L, 11L, 13L);
        List<EntityValue> animals = run(typed);
        assertThat(animals.get(0).hasRelated("Eggs")).isFalse();
        assertThat(ids(animals.get(1).getRelatedList("Eggs"))).containsExactly(101L, 102L);
        assertThat(ids(animals.get(2).getRelatedList("Eggs"))).containsExactly(103L);
    }

    @Test
    void expandOnlyTheRelatedEntitiesOfADerivedType() {
        DataQuery typed = KEEPERS.filter(Keeper.ID.eq(1)).expand(Keeper.ANIMALS.<Bird>cast(Bird.TYPE));
        sameRows(typed, "Keepers?$filter=Id eq 1&$expand=Animals/Test.Zoo.Bird", 1L);
        assertThat(ids(run(typed).get(0).getRelatedList("Animals"))).containsExactly(11L, 12L);
    }

    @Test
    void castFunctionToAnEntityType() {
        sameRows(KEEPERS.filter(QueryFunction.cast(Keeper.FAVOURITE, Bird.TYPE).isNotNull()),
                "Keepers?$filter=cast(Favourite,Test.Zoo.Bird) ne null", 1L, 3L);
        sameRows(ANIMALS.filter(QueryFunction.cast(Fish.TYPE).isNotNull()),
                "Animals?$filter=cast(Test.Zoo.Fish) ne null", 21L, 22L);
    }

    @Test
    void castFunctionToAPrimitiveType() {
        sameRows(ANIMALS.filter(QueryFunction.castToString(AS_BIRD.path(Bird.WING_SPAN)).eq("90")),
                "Animals?$filter=cast(Test.Zoo.Bird/WingSpan,Edm.String) eq '90'", 11L);
        sameRows(ANIMALS.filter(QueryFunction.castToNumber(AS_BIRD.path(Bird.SIZE), PrimitiveType.DOUBLE).gt(2.5)),
                "Animals?$filter=cast(Test.Zoo.Bird/Size,Edm.Double) gt 2.5", 11L, 13L);
    }

    @Test
    void aCastToATypeThatIsNotDerivedFromThePathsTypeIsABadRequest() {
        assertThatThrownBy(() -> run(DataQuery.parse("Keepers?$filter=Favourite/Test.Zoo.Keeper/Name eq 'x'")))
                .isInstanceOf(DataRequestException.class)
                .hasMessageContaining("casts Test.Zoo.Animal to Test.Zoo.Keeper, which is not derived from it");
        assertThatThrownBy(() -> run(DataQuery.parse("Animals?$expand=Test.Zoo.Fish/Eggs")))
                .isInstanceOf(DataRequestException.class)
                .hasMessageContaining("'Fish' has no navigation property 'Eggs'");
    }
}
