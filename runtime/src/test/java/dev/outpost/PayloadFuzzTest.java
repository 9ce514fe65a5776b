package dev.outpost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.model.EntityType;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.ServiceModel;
import dev.outpost.testing.FieldService;
import dev.outpost.testing.Fuzz;
import dev.outpost.testing.Mutator;
import dev.outpost.testing.StoreFingerprint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R3, entity payloads: creates, updates, deep inserts, binds, links and change sets through
 * {@link DataService}, and JSON payloads through {@link ODataJson#read} and
 * {@link ODataJson#apply}, with property values of the wrong type, size or precision, unknown
 * properties, null keys, huge strings and odd Unicode. Each operation either succeeds or fails
 * with a {@link DataRequestException} (4xx, with a message), and a failure leaves the store file
 * — entity tables, server images, request queue, everything — exactly as it was (compared with
 * {@link StoreFingerprint} over a separate connection), and the caller's new entities without a
 * readLink. Strings and decimals that were accepted read back exactly.
 *
 * <p>Cases: {@code -Doutpost.fuzz.scale=F} (suites {@code payload}, 1200 cases, and
 * {@code payload-json}, 1200), seed {@code -Doutpost.fuzz.seed}; see {@link Fuzz}.
 */
class PayloadFuzzTest {

    private static final UUID ACME = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    /** A store is replaced after this many cases, so that fingerprints stay cheap. */
    private static final int CASES_PER_STORE = 150;

    @TempDir
    Path dir;
    private StoreFixture f;
    private int storeNumber;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    private void freshStore() {
        if (f != null) {
            f.close();
        }
        Path d = dir.resolve("store-" + (storeNumber++));
        f = new StoreFixture(d);
        f.serverHas("Customers", "{\"Id\":\"" + ACME + "\",\"Name\":\"ACME\",\"Address\":{\"City\":\"Lyon\",\"Country\":\"FR\"}}");
        f.serverHas("Technicians", "{\"Id\":7,\"Name\":\"Ada\",\"Skills\":[\"welding\"],\"HourlyRate\":55.50}");
        f.serverHas("Parts", "{\"PartNumber\":\"P-1\",\"Name\":\"Pump\",\"UnitPrice\":75.00,\"InStock\":4}");
        f.serverHas("WorkOrders", "{\"Id\":42,\"Title\":\"Fix boiler\",\"Status\":\"Scheduled\",\"Priority\":2,"
                + "\"EstimatedCost\":120.50,\"CustomerId\":\"" + ACME + "\",\"TechnicianId\":7,"
                + "\"Parts\":[{\"PartNumber\":\"P-1\",\"Name\":\"Pump\",\"InStock\":4}]}");
        f.serverHas("Tasks", "{\"WorkOrderId\":42,\"LineNo\":1,\"Description\":\"Drain\",\"Done\":true}");
        f.service.createEntity(FieldService.workOrder("Local"));
    }

    // ---- values ----------------------------------------------------------------------------------

    /** Property names by entity set: the real ones first, then names no entity type has. */
    private static final Map<String, List<String>> PROPERTIES = Map.of(
            "WorkOrders", List.of("Id", "Title", "Description", "Status", "Priority", "EstimatedCost", "DueDate",
                    "SiteAddress", "Signature", "CustomerId", "TechnicianId", "CreatedAt", "ModifiedAt"),
            "Tasks", List.of("WorkOrderId", "LineNo", "Description", "Done", "EstimatedDuration", "ModifiedAt"),
            "Customers", List.of("Id", "Name", "Email", "Phone", "Address", "Logo", "ModifiedAt"),
            "Technicians", List.of("Id", "Name", "Skills", "HourlyRate", "ModifiedAt"),
            "Parts", List.of("PartNumber", "Name", "UnitPrice", "InStock"));
    private static final List<String> UNKNOWN_NAMES = List.of("Nope", "", " ", "title", "Title/x", "$lid", "$new",
            "@odata.type", "Tasks", "Customer", "SiteAddress/City", "Id)", "x".repeat(1000), "\u0000", "😀");
    private static final Map<String, List<String>> NAVIGATIONS = Map.of(
            "WorkOrders", List.of("Customer", "Technician", "Tasks", "Parts"), "Tasks", List.of("WorkOrder"),
            "Customers", List.of("WorkOrders"), "Technicians", List.of("WorkOrders"), "Parts", List.of("WorkOrders"));
    private static final Map<String, QualifiedName> TYPES = Map.of("WorkOrders", FieldService.WORK_ORDER,
            "Tasks", FieldService.TASK, "Customers", FieldService.CUSTOMER, "Technicians", FieldService.TECHNICIAN,
            "Parts", FieldService.PART);
    private static final List<String> SETS = List.of("WorkOrders", "Tasks", "Customers", "Technicians", "Parts");

    private static final List<String> ODD_STRINGS = List.of("", " ", "x", "'", "\"", "\u0000", "a\u0000b", "\uD800",
            "\uDC00x", "\uFEFF", "\u202Eevil", "e\u0301", "😀", "😀".repeat(60), "Zürich", "\r\n\t", "%00", "' OR 1=1 --",
            "x".repeat(100), "x".repeat(101), "x".repeat(2001), "x".repeat(100_000), "Done", "Frozen", "Done,New", "3",
            "New ", "2024-02-30", "P1D", "not-a-guid", "AA==", "null", "NaN");

    private static Object oddValue(Random r) {
        return switch (r.nextInt(40)) {
            case 0, 1, 2, 3, 4, 5 -> ODD_STRINGS.get(r.nextInt(ODD_STRINGS.size()));
            case 6 -> null;
            case 7 -> Integer.MAX_VALUE;
            case 8 -> Integer.MIN_VALUE;
            case 9 -> Long.MAX_VALUE;
            case 10 -> (short) -1;
            case 11 -> (byte) 7;
            case 12 -> new BigInteger("99999999999999999999999");
            case 13 -> new BigDecimal("1e400");
            case 14 -> new BigDecimal("-0.000");
            case 15 -> new BigDecimal("0.0000000001");
            case 16 -> new BigDecimal("1234567890.12");
            case 17 -> new BigDecimal("12.345");
            case 18 -> Double.NaN;
            case 19 -> Double.NEGATIVE_INFINITY;
            case 20 -> -0.0d;
            case 21 -> 1.5f;
            case 22 -> r.nextBoolean();
            case 23 -> UUID.randomUUID();
            case 24 -> LocalDate.MAX;
            case 25 -> LocalDate.of(-5, 1, 1);
            case 26 -> OffsetDateTime.of(2024, 5, 1, 10, 0, 0, 123_456_789, ZoneOffset.ofHours(14));
            case 27 -> OffsetDateTime.MIN;
            case 28 -> LocalTime.MAX;
            case 29 -> Duration.ofSeconds(Long.MAX_VALUE);
            case 30 -> Duration.ofMillis(-1);
            case 31 -> new byte[r.nextBoolean() ? 0 : 70_000];
            case 32 -> Arrays.asList("a", null, 1);
            case 33 -> List.of("x".repeat(51));
            case 34 -> Map.of("k", "v");
            case 35 -> new Object();
            case 36 -> complex(r);
            case 37 -> FieldService.part("P-x", "x");
            case 38 -> new JsonValue("{\"a\":1}");
            default -> 'c';
        };
    }

    private static ComplexValue complex(Random r) {
        ComplexValue c = new ComplexValue(r.nextInt(4) == 0 ? new QualifiedName("FieldService", "Nope") : FieldService.ADDRESS);
        int n = r.nextInt(3);
        for (int i = 0; i < n; i++) {
            String name = List.of("Street", "City", "PostalCode", "Country", "Nope").get(r.nextInt(5));
            c.setValue(name, r.nextBoolean() ? oddValue(r) : "ok");
        }
        return c;
    }

    /** A valid new entity of the set, so that some corrupted variants still succeed. */
    private static EntityValue valid(String set, Random r) {
        int n = r.nextInt(1_000_000);
        return switch (set) {
            case "WorkOrders" -> FieldService.workOrder("Order " + n).setValue("EstimatedCost", new BigDecimal("10.50"));
            case "Tasks" -> FieldService.task(n, "Task " + n).setValue("WorkOrderId", 42L);
            case "Customers" -> FieldService.customer(new UUID(r.nextLong(), r.nextLong()), "Customer " + n);
            case "Technicians" -> new EntityValue(FieldService.TECHNICIAN).setValue("Name", "Tech " + n);
            default -> FieldService.part("P-" + n, "Part " + n);
        };
    }

    private static String propertyName(String set, Random r) {
        return r.nextInt(6) == 0 ? UNKNOWN_NAMES.get(r.nextInt(UNKNOWN_NAMES.size()))
                : PROPERTIES.get(set).get(r.nextInt(PROPERTIES.get(set).size()));
    }

    private void corrupt(EntityValue e, String set, Random r) {
        int steps = 1 + r.nextInt(3);
        for (int i = 0; i < steps; i++) {
            switch (r.nextInt(8)) {
                case 0 -> e.unsetValue(propertyName(set, r));
                case 1 -> {
                    String nav = NAVIGATIONS.get(set).get(r.nextInt(NAVIGATIONS.get(set).size()));
                    e.setRelated(nav, r.nextBoolean() ? valid(SETS.get(r.nextInt(SETS.size())), r) : existing(r));
                }
                case 2 -> {
                    String nav = NAVIGATIONS.get(set).get(r.nextInt(NAVIGATIONS.get(set).size()));
                    List<EntityValue> list = new ArrayList<>();
                    for (int k = r.nextInt(3); k > 0; k--) {
                        EntityValue child = valid(SETS.get(r.nextInt(SETS.size())), r);
                        if (r.nextBoolean()) {
                            child.setValue(propertyName(set, r), oddValue(r));
                        }
                        list.add(child);
                    }
                    e.setRelatedList(nav, list);
                }
                case 3 -> {
                    String nav = r.nextInt(5) == 0 ? "Nope" : NAVIGATIONS.get(set).get(r.nextInt(NAVIGATIONS.get(set).size()));
                    e.bindEntity(nav, r.nextBoolean() ? existing(r) : valid(SETS.get(r.nextInt(SETS.size())), r));
                }
                default -> e.setValue(propertyName(set, r), oddValue(r));
            }
        }
    }

    /** An entity read from the store (any set), or occasionally a copy that is not in the store. */
    private EntityValue existing(Random r) {
        String set = SETS.get(r.nextInt(SETS.size()));
        List<EntityValue> all = f.query(set + "?$top=20");
        if (all.isEmpty() || r.nextInt(10) == 0) {
            return valid(set, r);
        }
        return all.get(r.nextInt(all.size()));
    }

    // ---- the oracle ------------------------------------------------------------------------------

    private interface Operation {
        void run() throws Exception;
    }

    /**
     * Runs an operation: success, or a 4xx {@link DataRequestException} that changed nothing in
     * the file and gave no new entity a readLink.
     *
     * @return whether it succeeded
     */
    private boolean succeedsOrChangesNothing(String what, Operation operation, List<EntityValue> newEntities) throws Exception {
        String before = StoreFingerprint.of(f.store.file());
        try {
            operation.run();
        } catch (DataRequestException e) {
            assertThat(e.status()).as(what + ": " + e.getMessage()).isBetween(400, 499);
            assertThat(e.getMessage()).as(what).isNotBlank();
            String after = StoreFingerprint.of(f.store.file());
            assertThat(after).as(what + " failed with \"" + e.getMessage() + "\" but changed the store").isEqualTo(before);
            for (EntityValue n : newEntities) {
                assertThat(n.readLink()).as(what + ": a refused new entity got a readLink").isNull();
            }
            return false;
        }
        assertThat(f.store.integrityCheck()).isEqualTo("ok");
        return true;
    }

    /** Accepted strings, enum members and decimals read back exactly (no silent change of text or scale). */
    private void readsBack(EntityValue written) {
        if (written.readLink() == null) {
            return;
        }
        ServiceModel model = f.store.model();
        EntityType type = model.entityType(written.entityType()).orElseThrow();
        EntityValue read = f.service.loadEntity(written.readLink());
        for (String name : written.names()) {
            Object v = written.getValue(name);
            String edm = model.property(type, name).map(p -> p.type().collection() ? "" : p.type().name().toString())
                    .orElse("");
            boolean enumeration = model.property(type, name).filter(p -> !p.type().collection())
                    .flatMap(p -> model.enumType(p.type().name())).isPresent();
            if (v instanceof String && (edm.equals("Edm.String") || enumeration)
                    || v instanceof BigDecimal && edm.equals("Edm.Decimal")) {
                assertThat(read.getValue(name)).as("%s/%s read back", written.readLink(), name).isEqualTo(v);
            }
        }
    }

    // ---- the suites ------------------------------------------------------------------------------

    @Test
    void oddEntitiesThroughTheDataServiceFailCleanlyOrReadBackExactly() {
        int cases = Fuzz.run("payload", 1200, (r, n) -> {
            if (n % CASES_PER_STORE == 0 || f == null) {
                freshStore();
            }
            oneDataServiceCase(r, n);
        });
        assertThat(f.store.integrityCheck()).isEqualTo("ok");
        System.out.printf("payload fuzz: %d operations%n", cases);
    }

    private void oneDataServiceCase(Random r, int n) throws Exception {
        String set = SETS.get(r.nextInt(SETS.size()));
        switch (r.nextInt(6)) {
            case 0, 1 -> {
                EntityValue e = valid(set, r);
                corrupt(e, set, r);
                if (succeedsOrChangesNothing("create in " + set + " " + e, () -> f.service.createEntity(e, set,
                        RequestOptions.defaults()), List.of(e))) {
                    readsBack(e);
                }
            }
            case 2 -> {
                List<EntityValue> all = f.query(set + "?$top=20");
                if (all.isEmpty()) {
                    return;
                }
                EntityValue e = all.get(r.nextInt(all.size()));
                for (int k = 1 + r.nextInt(3); k > 0; k--) {
                    e.setValue(propertyName(set, r), oddValue(r));
                }
                if (succeedsOrChangesNothing("update of " + e.readLink() + " " + e, () -> f.service.updateEntity(e),
                        List.of())) {
                    readsBack(e);
                }
            }
            case 3 -> {
                EntityValue parent = existing(r);
                EntityValue child = valid(SETS.get(r.nextInt(SETS.size())), r);
                if (r.nextBoolean()) {
                    corrupt(child, set, r);
                }
                String nav = r.nextInt(5) == 0 ? "Nope" : NAVIGATIONS.get(set).get(r.nextInt(NAVIGATIONS.get(set).size()));
                succeedsOrChangesNothing("create related " + nav + " of " + parent.readLink(),
                        () -> f.service.createRelatedEntity(child, parent, nav), List.of(child));
            }
            case 4 -> {
                EntityValue source = existing(r);
                EntityValue target = r.nextInt(6) == 0 ? null : existing(r);
                String nav = r.nextInt(5) == 0 ? "Nope" : List.of("Customer", "Technician", "Tasks", "Parts", "WorkOrders",
                        "WorkOrder").get(r.nextInt(6));
                int kind = r.nextInt(3);
                succeedsOrChangesNothing("link " + kind + " " + source.readLink() + " " + nav, () -> {
                    switch (kind) {
                        case 0 -> f.service.createLink(source, nav, target);
                        case 1 -> f.service.updateLink(source, nav, target);
                        default -> f.service.deleteLink(source, nav, target);
                    }
                }, List.of());
            }
            default -> {
                ChangeSet changes = new ChangeSet();
                List<EntityValue> created = new ArrayList<>();
                for (int k = 1 + r.nextInt(4); k > 0; k--) {
                    String s = SETS.get(r.nextInt(SETS.size()));
                    EntityValue e = valid(s, r);
                    if (r.nextInt(3) == 0) {
                        corrupt(e, s, r);
                    }
                    switch (r.nextInt(4)) {
                        case 0 -> changes.createEntity(e, s, RequestOptions.defaults());
                        case 1 -> {
                            EntityValue old = existing(r);
                            old.setValue(propertyName(s, r), r.nextBoolean() ? oddValue(r) : "x");
                            changes.updateEntity(old);
                        }
                        case 2 -> changes.deleteEntity(existing(r));
                        default -> {
                            if (!created.isEmpty()) {
                                changes.createRelatedEntity(e, created.get(0), "Tasks");
                            } else {
                                changes.createEntity(e, s, RequestOptions.defaults());
                            }
                        }
                    }
                    created.add(e);
                }
                succeedsOrChangesNothing("change set " + changes.changes(), () -> f.service.applyChanges(changes), created);
            }
        }
    }

    // ---- JSON payloads ---------------------------------------------------------------------------

    private static final Mutator TEXT = new Mutator(List.of("{", "}", "[", "]", ":", ",", "\"", "null", "true", "1e400",
            "-0", "\"@odata.type\":\"#FieldService.Nope\"", "\"@odata.type\":\"#\"", "\"@odata.type\":\"x\"",
            "\"Customer@odata.bind\":\"Customers(1)\"", "\"Tasks@odata.bind\":[\"Tasks($lid=99)\"]", "\"Nope\":1",
            "\"\\u0000\"", "\"\\ud800\"", "99999999999999999999999999", "\"Tasks\":[{}]", "\"Customer\":[]"));

    private static JsonNode oddJson(Random r) {
        return switch (r.nextInt(18)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.textNode(ODD_STRINGS.get(r.nextInt(ODD_STRINGS.size())));
            case 2 -> NODES.numberNode(new BigDecimal("1e400"));
            case 3 -> NODES.numberNode(new BigInteger("-99999999999999999999999"));
            case 4 -> NODES.numberNode(-0.0);
            case 5 -> NODES.numberNode(12.345);
            case 6 -> NODES.booleanNode(r.nextBoolean());
            case 7 -> NODES.objectNode();
            case 8 -> NODES.objectNode().put("@odata.type", r.nextBoolean() ? "#FieldService.Address" : "#x").put("City", 1);
            case 9 -> NODES.arrayNode();
            case 10 -> NODES.arrayNode().add(1).add("a").addNull().add(NODES.objectNode());
            case 11 -> NODES.textNode("2024-05-01T10:00:00+14:00");
            case 12 -> NODES.textNode("P1DT2H");
            case 13 -> NODES.textNode(ACME.toString());
            case 14 -> NODES.numberNode(Long.MAX_VALUE);
            case 15 -> NODES.textNode("AAEC");
            case 16 -> NODES.numberNode(3);
            default -> NODES.textNode("x".repeat(r.nextInt(3000)));
        };
    }

    private static ObjectNode validJson(String set, Random r) {
        int n = r.nextInt(1_000_000);
        ObjectNode o = NODES.objectNode();
        switch (set) {
            case "WorkOrders" -> o.put("Title", "Order " + n).put("EstimatedCost", new BigDecimal("10.50"))
                    .put("Status", "Done").put("DueDate", "2024-05-01")
                    .set("SiteAddress", NODES.objectNode().put("City", "Bern"));
            case "Tasks" -> o.put("WorkOrderId", 42).put("LineNo", n).put("Description", "d")
                    .put("EstimatedDuration", "PT1H");
            case "Customers" -> o.put("Id", new UUID(r.nextLong(), r.nextLong()).toString()).put("Name", "C " + n);
            case "Technicians" -> o.put("Name", "T " + n).put("HourlyRate", 12.5).set("Skills", NODES.arrayNode().add("a"));
            default -> o.put("PartNumber", "P-" + n).put("Name", "Part").put("InStock", 1);
        }
        return o;
    }

    private static String mutateJson(ObjectNode o, String set, Random r) {
        int steps = 1 + r.nextInt(3);
        for (int i = 0; i < steps; i++) {
            switch (r.nextInt(7)) {
                case 0, 1 -> o.set(propertyName(set, r), oddJson(r));
                case 2 -> {
                    String nav = NAVIGATIONS.get(set).get(r.nextInt(NAVIGATIONS.get(set).size()));
                    JsonNode value = switch (r.nextInt(5)) {
                        case 0 -> NODES.arrayNode().add(validJson(SETS.get(r.nextInt(SETS.size())), r));
                        case 1 -> validJson(SETS.get(r.nextInt(SETS.size())), r);
                        case 2 -> NODES.arrayNode().add("x").add(1);
                        default -> oddJson(r);
                    };
                    o.set(nav, value);
                }
                case 3 -> {
                    String nav = r.nextInt(4) == 0 ? "Nope" : NAVIGATIONS.get(set).get(r.nextInt(NAVIGATIONS.get(set).size()));
                    JsonNode link = switch (r.nextInt(5)) {
                        case 0 -> NODES.textNode("Customers(" + ACME + ")");
                        case 1 -> NODES.textNode("WorkOrders(42)");
                        case 2 -> NODES.arrayNode().add("Parts('P-1')").add("Parts($lid=999)");
                        case 3 -> NODES.textNode(ODD_STRINGS.get(r.nextInt(ODD_STRINGS.size())));
                        default -> oddJson(r);
                    };
                    o.set(nav + "@odata.bind", link);
                }
                case 4 -> o.set("@odata.type", r.nextBoolean() ? oddJson(r) : NODES.textNode(
                        List.of("#FieldService.WorkOrder", "#FieldService.Task", "#FieldService.Address", "#Nope",
                                "#", "FieldService.", ".x", "#FieldService.WorkOrder.").get(r.nextInt(8))));
                case 5 -> {
                    Iterator<String> names = o.fieldNames();
                    if (names.hasNext()) {
                        o.remove(names.next());
                    }
                }
                default -> {
                    return TEXT.mutate(o.toString(), r, 2);
                }
            }
        }
        return o.toString();
    }

    @Test
    void oddJsonPayloadsAreReadOrRefusedAndNeverHalfWritten() {
        int cases = Fuzz.run("payload-json", 1200, (r, n) -> {
            if (n % CASES_PER_STORE == 0 || f == null) {
                freshStore();
            }
            String set = SETS.get(r.nextInt(SETS.size()));
            ServiceModel model = f.store.model();
            String json = mutateJson(validJson(set, r), set, r);
            try {
                if (r.nextInt(3) == 0) {
                    List<EntityValue> all = f.query(set + "?$top=10");
                    if (all.isEmpty()) {
                        return;
                    }
                    EntityValue e = all.get(r.nextInt(all.size()));
                    succeedsOrChangesNothing("update of " + e.readLink() + " with " + json, () -> {
                        ODataJson.apply(model, e, json);
                        f.service.updateEntity(e);
                    }, List.of());
                } else {
                    EntityValue[] read = new EntityValue[1];
                    succeedsOrChangesNothing("read of " + json, () -> read[0] = ODataJson.read(model, set, json,
                            f.service::loadEntity), List.of());
                    if (read[0] != null && succeedsOrChangesNothing("create in " + set + " from " + json,
                            () -> f.service.createEntity(read[0], set, RequestOptions.defaults()), List.of(read[0]))) {
                        readsBack(read[0]);
                    }
                }
            } catch (AssertionError | RuntimeException | StackOverflowError e) {
                throw new AssertionError("payload (saved as " + Fuzz.save("payload-json-" + n + ".json", json) + "): "
                        + (json.length() > 400 ? json.substring(0, 400) + "..." : json) + "\n" + e, e);
            }
        });
        assertThat(f.store.integrityCheck()).isEqualTo("ok");
        System.out.printf("payload JSON fuzz: %d payloads%n", cases);
    }
}
