package dev.outpost;

import dev.outpost.query.BooleanExpression;
import dev.outpost.query.DataQuery;
import dev.outpost.query.QueryFunction;
import dev.outpost.testing.Fs.Address;
import dev.outpost.testing.Fs.Customer;
import dev.outpost.testing.Fs.Part;
import dev.outpost.testing.Fs.Status;
import dev.outpost.testing.Fs.Task;
import dev.outpost.testing.Fs.Technician;
import dev.outpost.testing.Fs.WorkOrder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Q1–Q6 parity: each query runs as a typed DSL query and as an OData URL string over the same
 * store, and both must give exactly what plain Java computes from the same data.
 */
class QueryParityTest {

    record Cust(UUID id, String name, String city) {
    }

    record Tech(int id, String name, List<String> skills) {
    }

    record PartRow(String number, String name, BigDecimal price) {
    }

    record TaskRow(long workOrder, int line, String description, boolean done) {
    }

    record Wo(long id, String title, String description, Status status, int priority, BigDecimal cost, LocalDate due,
              OffsetDateTime created, String siteCity, UUID customer, Integer technician, List<TaskRow> tasks,
              List<String> parts) {
    }

    private static Path dir;
    private static StoreFixture f;
    private static final List<Cust> CUSTOMERS = new ArrayList<>();
    private static final List<Tech> TECHNICIANS = new ArrayList<>();
    private static final List<PartRow> PARTS = new ArrayList<>();
    private static final List<Wo> ORDERS = new ArrayList<>();

    @BeforeAll
    static void load() throws Exception {
        dir = Files.createTempDirectory("parity");
        f = new StoreFixture(dir);
        Random random = new Random(20261123);
        String[] cities = {"Lyon", "Berlin", "São Paulo", "O'Fallon", "Zürich"};
        for (int i = 0; i < 6; i++) {
            CUSTOMERS.add(new Cust(new UUID(0x1000 + i, i), "Customer " + (char) ('A' + i), cities[i % cities.length]));
        }
        String[][] skills = {{"electrical", "plumbing"}, {"welding"}, {}};
        for (int i = 0; i < 3; i++) {
            TECHNICIANS.add(new Tech(i + 1, "Tech " + i, List.of(skills[i])));
        }
        for (int i = 0; i < 6; i++) {
            PARTS.add(new PartRow("P-" + i, "Part " + i, new BigDecimal(10 + i * 17 + ".25")));
        }
        String[] verbs = {"Fix boiler", "Replace pump", "Inspect valves", "O'Brien's pump", "Check Ünit", "  padded  "};
        ZoneOffset[] offsets = {ZoneOffset.UTC, ZoneOffset.ofHours(2), ZoneOffset.ofHoursMinutes(-5, -30)};
        for (int i = 1; i <= 240; i++) {
            List<TaskRow> tasks = new ArrayList<>();
            int n = random.nextInt(5);
            for (int t = 1; t <= n; t++) {
                tasks.add(new TaskRow(i, t, "task " + t + (random.nextBoolean() ? " OData" : ""), random.nextBoolean()));
            }
            List<String> parts = new ArrayList<>();
            for (PartRow p : PARTS) {
                if (random.nextInt(4) == 0) {
                    parts.add(p.number());
                }
            }
            BigDecimal cost = random.nextInt(6) == 0 ? null
                    : BigDecimal.valueOf(random.nextInt(30000), 2).add(i % 7 == 0 ? new BigDecimal("0.10") : BigDecimal.ZERO);
            ORDERS.add(new Wo(i, verbs[i % verbs.length] + " " + i, i % 5 == 0 ? null : "job " + i,
                    Status.values()[i % Status.values().length], 1 + random.nextInt(5), cost,
                    LocalDate.of(2026, 1, 1).plusDays(random.nextInt(500)),
                    OffsetDateTime.of(2026, 3, 1, 0, 0, 0, random.nextInt(1000) * 1_000_000, offsets[i % 3])
                            .plusMinutes(random.nextInt(100_000)),
                    random.nextInt(4) == 0 ? null : cities[random.nextInt(cities.length)],
                    random.nextInt(5) == 0 ? null : CUSTOMERS.get(random.nextInt(CUSTOMERS.size())).id(),
                    random.nextInt(3) == 0 ? null : 1 + random.nextInt(3), tasks, parts));
        }
        publish();
        changeSomeLocally();
    }

    /** Work orders changed offline (a pending PATCH each), so the offline-state functions select some rows. */
    private static final java.util.Set<Long> LOCAL = new java.util.TreeSet<>();

    private static void changeSomeLocally() {
        for (int i = 0; i < ORDERS.size(); i++) {
            Wo w = ORDERS.get(i);
            if (w.id() % 37 != 0) {
                continue;
            }
            int priority = w.priority() % 5 + 1;
            EntityValue e = f.one("WorkOrders(" + w.id() + ")");
            e.setValue("Priority", priority);
            f.service.updateEntity(e);
            ORDERS.set(i, new Wo(w.id(), w.title(), w.description(), w.status(), priority, w.cost(), w.due(), w.created(),
                    w.siteCity(), w.customer(), w.technician(), w.tasks(), w.parts()));
            LOCAL.add(w.id());
        }
    }

    private static void publish() {
        f.serverHas("Customers", CUSTOMERS.stream().map(c -> "{\"Id\":\"" + c.id() + "\",\"Name\":" + quote(c.name())
                + ",\"Address\":{\"City\":" + quote(c.city()) + "}}").toArray(String[]::new));
        f.serverHas("Technicians", TECHNICIANS.stream().map(t -> "{\"Id\":" + t.id() + ",\"Name\":" + quote(t.name())
                + ",\"Skills\":[" + t.skills().stream().map(QueryParityTest::quote).collect(Collectors.joining(",")) + "]}")
                .toArray(String[]::new));
        f.serverHas("Parts", PARTS.stream().map(QueryParityTest::partJson).toArray(String[]::new));
        f.serverHas("WorkOrders", ORDERS.stream().map(w -> "{\"Id\":" + w.id() + ",\"Title\":" + quote(w.title())
                + ",\"Description\":" + quote(w.description()) + ",\"Status\":\"" + w.status().odataName() + "\""
                + ",\"Priority\":" + w.priority() + ",\"EstimatedCost\":" + (w.cost() == null ? "null" : w.cost().toPlainString())
                + ",\"DueDate\":\"" + w.due() + "\",\"CreatedAt\":\"" + w.created() + "\""
                + ",\"SiteAddress\":" + (w.siteCity() == null ? "null" : "{\"City\":" + quote(w.siteCity()) + "}")
                + ",\"CustomerId\":" + (w.customer() == null ? "null" : "\"" + w.customer() + "\"")
                + ",\"TechnicianId\":" + w.technician()
                + ",\"Parts\":[" + w.parts().stream().map(n -> partJson(PARTS.stream().filter(p -> p.number().equals(n))
                .findFirst().orElseThrow())).collect(Collectors.joining(",")) + "]}").toArray(String[]::new));
        f.serverHas("Tasks", ORDERS.stream().flatMap(w -> w.tasks().stream()).map(t -> "{\"WorkOrderId\":" + t.workOrder()
                + ",\"LineNo\":" + t.line() + ",\"Description\":" + quote(t.description()) + ",\"Done\":" + t.done() + "}")
                .toArray(String[]::new));
    }

    private static String partJson(PartRow p) {
        return "{\"PartNumber\":\"" + p.number() + "\",\"Name\":" + quote(p.name()) + ",\"UnitPrice\":" + p.price() + "}";
    }

    private static String quote(String s) {
        return s == null ? "null" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @AfterAll
    static void close() {
        f.close();
    }

    private static Cust customer(Wo w) {
        return CUSTOMERS.stream().filter(c -> c.id().equals(w.customer())).findFirst().orElse(null);
    }

    private static PartRow part(String number) {
        return PARTS.stream().filter(p -> p.number().equals(number)).findFirst().orElseThrow();
    }

    private static int compareCost(Wo w, String value) {
        return w.cost() == null ? Integer.MIN_VALUE : w.cost().compareTo(new BigDecimal(value));
    }

    /** One row of the table: a filter as DSL and as URL text, and the plain-Java expectation. */
    private record Case(String name, BooleanExpression dsl, String url, Predicate<Wo> expected) {
    }

    static List<Case> filters() {
        BigDecimal existing = ORDERS.stream().map(Wo::cost).filter(Objects::nonNull).findFirst().orElseThrow();
        BigDecimal rescaled = existing.setScale(existing.scale() + 2);
        OffsetDateTime noonPlus2 = OffsetDateTime.of(2026, 3, 20, 12, 0, 0, 0, ZoneOffset.ofHours(2));
        return List.of(
                new Case("lt", WorkOrder.PRIORITY.lt(3), "Priority lt 3", w -> w.priority() < 3),
                new Case("and with enum", WorkOrder.PRIORITY.le(2).and(WorkOrder.STATUS.eq(Status.SCHEDULED)),
                        "Priority le 2 and Status eq FieldService.WorkOrderStatus'Scheduled'",
                        w -> w.priority() <= 2 && w.status() == Status.SCHEDULED),
                new Case("or", WorkOrder.PRIORITY.eq(1).or(WorkOrder.PRIORITY.eq(5)), "Priority eq 1 or Priority eq 5",
                        w -> w.priority() == 1 || w.priority() == 5),
                new Case("not", WorkOrder.PRIORITY.eq(1).not(), "not (Priority eq 1)", w -> w.priority() != 1),
                new Case("enum as string literal", WorkOrder.STATUS.eq(Status.DONE), "Status eq 'Done'",
                        w -> w.status() == Status.DONE),
                new Case("enum in", WorkOrder.STATUS.in(Status.NEW, Status.CANCELLED),
                        "Status in (FieldService.WorkOrderStatus'New',FieldService.WorkOrderStatus'Cancelled')",
                        w -> w.status() == Status.NEW || w.status() == Status.CANCELLED),
                new Case("contains", WorkOrder.TITLE.contains("pump"), "contains(Title,'pump')", w -> w.title().contains("pump")),
                new Case("contains is case-sensitive", WorkOrder.TITLE.contains("Inspect").and(WorkOrder.TITLE.contains("inspect").not()),
                        "contains(Title,'Inspect') and not contains(Title,'inspect')",
                        w -> w.title().contains("Inspect") && !w.title().contains("inspect")),
                new Case("quote in literal", WorkOrder.TITLE.startsWith("O'Brien"), "startswith(Title,'O''Brien')",
                        w -> w.title().startsWith("O'Brien")),
                new Case("endswith", WorkOrder.TITLE.endsWith("7"), "endswith(Title,'7')", w -> w.title().endsWith("7")),
                new Case("tolower unicode", WorkOrder.TITLE.toLower().startsWith("check ü"), "startswith(tolower(Title),'check ü')",
                        w -> w.title().toLowerCase(java.util.Locale.ROOT).startsWith("check ü")),
                new Case("toupper", WorkOrder.TITLE.toUpper().eq("FIX BOILER 12"), "toupper(Title) eq 'FIX BOILER 12'",
                        w -> w.title().toUpperCase(java.util.Locale.ROOT).equals("FIX BOILER 12")),
                new Case("length", WorkOrder.TITLE.length().gt(16), "length(Title) gt 16", w -> w.title().length() > 16),
                new Case("indexof", WorkOrder.TITLE.indexOf("pump").eq(8), "indexof(Title,'pump') eq 8",
                        w -> w.title().indexOf("pump") == 8),
                new Case("substring", WorkOrder.TITLE.substring(4, 6).eq("boiler"), "substring(Title,4,6) eq 'boiler'",
                        w -> w.title().length() >= 4 && w.title().substring(4, Math.min(10, w.title().length())).equals("boiler")),
                new Case("trim and concat", WorkOrder.TITLE.trim().concat("!").startsWith("padded"),
                        "startswith(concat(trim(Title),'!'),'padded')", w -> (w.title().trim() + "!").startsWith("padded")),
                new Case("matchesPattern", WorkOrder.TITLE.matchesPattern("^Fix .*[05]$"), "matchesPattern(Title,'^Fix .*[05]$')",
                        w -> w.title().matches("^Fix .*[05]$")),
                new Case("decimal gt", WorkOrder.ESTIMATED_COST.gt(new BigDecimal("150.5")), "EstimatedCost gt 150.5",
                        w -> compareCost(w, "150.5") > 0),
                new Case("decimal eq ignores scale", WorkOrder.ESTIMATED_COST.eq(rescaled), "EstimatedCost eq " + rescaled.toPlainString(),
                        w -> w.cost() != null && w.cost().compareTo(rescaled) == 0),
                new Case("decimal vs int", WorkOrder.ESTIMATED_COST.le(20), "EstimatedCost le 20", w -> compareCost(w, "20") <= 0
                        && w.cost() != null),
                new Case("decimal arithmetic", WorkOrder.ESTIMATED_COST.add(new BigDecimal("0.05")).gt(new BigDecimal("250")),
                        "EstimatedCost add 0.05 gt 250", w -> w.cost() != null && w.cost().add(new BigDecimal("0.05"))
                        .compareTo(new BigDecimal("250")) > 0),
                new Case("null decimal", WorkOrder.ESTIMATED_COST.isNull(), "EstimatedCost eq null", w -> w.cost() == null),
                new Case("mul", WorkOrder.PRIORITY.mul(2).eq(4), "Priority mul 2 eq 4", w -> w.priority() * 2 == 4),
                new Case("mod", WorkOrder.PRIORITY.mod(2).eq(1), "Priority mod 2 eq 1", w -> w.priority() % 2 == 1),
                new Case("div", WorkOrder.PRIORITY.div(2).eq(1), "Priority div 2 eq 1", w -> w.priority() / 2 == 1),
                new Case("sub and negate", WorkOrder.PRIORITY.negate().add(6).sub(1).ge(3), "-Priority add 6 sub 1 ge 3",
                        w -> -w.priority() + 6 - 1 >= 3),
                new Case("date functions", WorkOrder.DUE_DATE.year().eq(2026).and(WorkOrder.DUE_DATE.month().le(3)),
                        "year(DueDate) eq 2026 and month(DueDate) le 3", w -> w.due().getYear() == 2026 && w.due().getMonthValue() <= 3),
                new Case("day", WorkOrder.DUE_DATE.day().eq(1), "day(DueDate) eq 1", w -> w.due().getDayOfMonth() == 1),
                new Case("date comparison", WorkOrder.DUE_DATE.lt(LocalDate.of(2026, 6, 1)), "DueDate lt 2026-06-01",
                        w -> w.due().isBefore(LocalDate.of(2026, 6, 1))),
                new Case("date-time offset instant", WorkOrder.CREATED_AT.gt(noonPlus2), "CreatedAt gt 2026-03-20T12:00:00+02:00",
                        w -> w.created().isAfter(noonPlus2)),
                new Case("hour in its own offset", WorkOrder.CREATED_AT.hour().eq(9), "hour(CreatedAt) eq 9",
                        w -> w.created().getHour() == 9),
                new Case("date of date-time", WorkOrder.CREATED_AT.date().eq(LocalDate.of(2026, 3, 15)),
                        "date(CreatedAt) eq 2026-03-15", w -> w.created().toLocalDate().equals(LocalDate.of(2026, 3, 15))),
                new Case("offset minutes", WorkOrder.CREATED_AT.totalOffsetMinutes().eq(-330), "totaloffsetminutes(CreatedAt) eq -330",
                        w -> w.created().getOffset().getTotalSeconds() == -330 * 60),
                new Case("null string", WorkOrder.DESCRIPTION.isNull(), "Description eq null", w -> w.description() == null),
                new Case("not null guid", WorkOrder.CUSTOMER_ID.isNotNull(), "CustomerId ne null", w -> w.customer() != null),
                new Case("guid eq", WorkOrder.CUSTOMER_ID.eq(CUSTOMERS.get(2).id()), "CustomerId eq " + CUSTOMERS.get(2).id(),
                        w -> CUSTOMERS.get(2).id().equals(w.customer())),
                new Case("complex property path", WorkOrder.SITE_ADDRESS.path(Address.CITY).eq("Zürich"),
                        "SiteAddress/City eq 'Zürich'", w -> "Zürich".equals(w.siteCity())),
                new Case("null complex", WorkOrder.SITE_ADDRESS.isNull(), "SiteAddress eq null", w -> w.siteCity() == null),
                new Case("navigation path", WorkOrder.CUSTOMER.path(Customer.NAME).eq("Customer C"),
                        "Customer/Name eq 'Customer C'", w -> customer(w) != null && customer(w).name().equals("Customer C")),
                new Case("complex through navigation", WorkOrder.CUSTOMER.path(Customer.ADDRESS.path(Address.CITY)).eq("O'Fallon"),
                        "Customer/Address/City eq 'O''Fallon'", w -> customer(w) != null && customer(w).city().equals("O'Fallon")),
                new Case("any", WorkOrder.TASKS.any(t -> t.path(Task.DONE).eq(false)), "Tasks/any(t:t/Done eq false)",
                        w -> w.tasks().stream().anyMatch(t -> !t.done())),
                new Case("all is true for empty", WorkOrder.TASKS.all(t -> t.path(Task.DONE)), "Tasks/all(t:t/Done)",
                        w -> w.tasks().stream().allMatch(TaskRow::done)),
                new Case("any without predicate", WorkOrder.TASKS.any(), "Tasks/any()", w -> !w.tasks().isEmpty()),
                new Case("any with function", WorkOrder.TASKS.any(t -> t.path(Task.DESCRIPTION).contains("OData")),
                        "Tasks/any(x:contains(x/Description,'OData'))", w -> w.tasks().stream().anyMatch(t -> t.description().contains("OData"))),
                new Case("count of navigation", WorkOrder.TASKS.count().gt(2), "Tasks/$count gt 2", w -> w.tasks().size() > 2),
                new Case("many-to-many any", WorkOrder.PARTS.any(p -> p.path(Part.UNIT_PRICE).gt(60)),
                        "Parts/any(p:p/UnitPrice gt 60)", w -> w.parts().stream().anyMatch(n -> part(n).price().compareTo(BigDecimal.valueOf(60)) > 0)),
                new Case("entityExists", QueryFunction.entityExists(WorkOrder.TECHNICIAN), "sap.entityexists(Technician)",
                        w -> w.technician() != null),
                new Case("not entityExists", QueryFunction.entityExists(WorkOrder.CUSTOMER).not(), "not sap.entityexists(Customer)",
                        w -> w.customer() == null),
                new Case("primitive collection through navigation",
                        WorkOrder.TECHNICIAN.path(Technician.SKILLS).any(s -> s.eq("welding")),
                        "Technician/Skills/any(s:s eq 'welding')",
                        w -> w.technician() != null && TECHNICIANS.get(w.technician() - 1).skills().contains("welding")),
                new Case("local", QueryFunction.isLocal(), "sap.islocal()", w -> LOCAL.contains(w.id())),
                new Case("pending changes", QueryFunction.hasPendingChanges(), "sap.haspendingchanges()",
                        w -> LOCAL.contains(w.id())),
                new Case("no pending changes and a priority", QueryFunction.hasPendingChanges().not().and(WorkOrder.PRIORITY.eq(1)),
                        "not sap.haspendingchanges() and Priority eq 1", w -> !LOCAL.contains(w.id()) && w.priority() == 1),
                new Case("local or a navigation", QueryFunction.isLocal().or(WorkOrder.CUSTOMER.path(Customer.NAME).eq("Customer B")),
                        "sap.islocal() or Customer/Name eq 'Customer B'",
                        w -> LOCAL.contains(w.id()) || customer(w) != null && customer(w).name().equals("Customer B")),
                new Case("nothing in error without an upload", QueryFunction.inErrorState(), "sap.inerrorstate()", w -> false),
                new Case("combined", WorkOrder.PRIORITY.in(1, 2).and(WorkOrder.TASKS.any().not()
                                .or(WorkOrder.CUSTOMER.path(Customer.NAME).endsWith("A"))),
                        "Priority in (1,2) and (not Tasks/any() or endswith(Customer/Name,'A'))",
                        w -> (w.priority() == 1 || w.priority() == 2)
                                && (w.tasks().isEmpty() || customer(w) != null && customer(w).name().endsWith("A"))));
    }

    @TestFactory
    Stream<DynamicTest> filterParity() {
        return filters().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            List<Long> expected = ORDERS.stream().filter(c.expected()).map(Wo::id).sorted().toList();
            if (!c.name().startsWith("nothing")) {
                assertThat(expected).as("the data makes this case select some rows, not all").isNotEmpty()
                        .hasSizeLessThan(ORDERS.size());
            }
            List<Long> viaDsl = ids(DataQuery.from("WorkOrders").filter(c.dsl()));
            List<Long> viaUrl = ids(DataQuery.parse("WorkOrders?$filter=" + c.url()));
            assertThat(viaDsl).as("typed DSL").isEqualTo(expected);
            assertThat(viaUrl).as("URL string").isEqualTo(expected);
            String url = DataQuery.from("WorkOrders").filter(c.dsl()).toUrl();
            assertThat(DataQuery.parse(url).toUrl()).as("the DSL's URL parses back to the same query").isEqualTo(url);
        }));
    }

    @TestFactory
    Stream<DynamicTest> orderingAndPagingParity() {
        Comparator<Wo> byDueDesc = Comparator.comparing(Wo::due).reversed().thenComparing(Wo::id);
        Comparator<Wo> byCustomerName = Comparator.comparing((Wo w) -> customer(w) == null ? "" : customer(w).name())
                .thenComparing(Wo::id);
        Comparator<Wo> byCost = Comparator.comparing((Wo w) -> w.cost() == null ? new BigDecimal("-1") : w.cost())
                .thenComparing(Wo::id);
        return Stream.of(
                DynamicTest.dynamicTest("orderby desc, top, skip", () -> order(
                        DataQuery.from("WorkOrders").orderBy(WorkOrder.DUE_DATE.desc()).skip(5).top(10),
                        "WorkOrders?$orderby=DueDate desc&$skip=5&$top=10", byDueDesc, 5, 10)),
                DynamicTest.dynamicTest("orderby navigation path", () -> order(
                        DataQuery.from("WorkOrders").orderBy(WorkOrder.CUSTOMER.path(Customer.NAME).asc()),
                        "WorkOrders?$orderby=Customer/Name", byCustomerName, 0, ORDERS.size())),
                DynamicTest.dynamicTest("orderby decimal is numeric", () -> order(
                        DataQuery.from("WorkOrders").orderBy(WorkOrder.ESTIMATED_COST.asc()),
                        "WorkOrders?$orderby=EstimatedCost asc", byCost, 0, ORDERS.size())));
    }

    /**
     * Q4 parity for the shape of results: nested {@code $expand} with options, {@code $select},
     * {@code $count}. Each result is rendered as text (keys, selected values, expanded relatives,
     * which properties are present) and compared with the same text built in plain Java.
     * ({@code has} needs a flags enum, and the field-service model has none: ValueRoundTripTest
     * covers it on a model that has one.)
     */
    @TestFactory
    Stream<DynamicTest> shapeParity() {
        return Stream.of(
                DynamicTest.dynamicTest("nested expand with filter, orderby, top, select", () -> shape(
                        DataQuery.from("Customers").orderBy(Customer.NAME.asc()).expand(Customer.WORK_ORDERS,
                                q -> q.filter(WorkOrder.PRIORITY.le(2)).orderBy(WorkOrder.ID.desc()).top(3).select(WorkOrder.TITLE)
                                        .expand(WorkOrder.TASKS, t -> t.filter(Task.DONE.eq(true)).orderBy(Task.LINE_NO.asc())
                                                .select(Task.DESCRIPTION))),
                        "Customers?$orderby=Name&$expand=WorkOrders($filter=Priority le 2;$orderby=Id desc;$top=3;$select=Title;"
                                + "$expand=Tasks($filter=Done eq true;$orderby=LineNo;$select=Description))",
                        e -> e.getValue("Name") + " -> " + e.getRelatedList("WorkOrders").stream().map(w -> w.getValue("Id") + ":"
                                + w.getValue("Title") + ":" + w.has("Priority") + w.getRelatedList("Tasks").stream()
                                .map(t -> t.getValue("LineNo") + "=" + t.getValue("Description") + ":" + t.has("Done")).toList())
                                .toList(),
                        CUSTOMERS.stream().sorted(Comparator.comparing(Cust::name)).map(c -> c.name() + " -> " + ORDERS.stream()
                                .filter(w -> c.id().equals(w.customer()) && w.priority() <= 2)
                                .sorted(Comparator.comparing(Wo::id).reversed()).limit(3)
                                .map(w -> w.id() + ":" + w.title() + ":false" + w.tasks().stream().filter(TaskRow::done)
                                        .sorted(Comparator.comparing(TaskRow::line))
                                        .map(t -> t.line() + "=" + t.description() + ":false").toList()).toList()).toList())),
                DynamicTest.dynamicTest("expand to-one and many-to-many with select and orderby", () -> shape(
                        DataQuery.from("WorkOrders").filter(WorkOrder.ID.le(40L)).orderBy(WorkOrder.ID.asc())
                                .expand(WorkOrder.CUSTOMER, q -> q.select(Customer.NAME))
                                .expand(WorkOrder.PARTS, q -> q.orderBy(Part.PART_NUMBER.desc())),
                        "WorkOrders?$filter=Id le 40&$orderby=Id&$expand=Customer($select=Name),Parts($orderby=PartNumber desc)",
                        e -> e.getValue("Id") + " " + (e.getRelated("Customer") == null ? "-" : e.getRelated("Customer")
                                .getValue("Name") + ":" + e.getRelated("Customer").has("Address")) + " "
                                + e.getRelatedList("Parts").stream().map(p -> p.getValue("PartNumber") + "@" + p.getValue("UnitPrice"))
                                .toList(),
                        ORDERS.stream().filter(w -> w.id() <= 40).map(w -> w.id() + " " + (customer(w) == null ? "-"
                                : customer(w).name() + ":false") + " " + w.parts().stream().sorted(Comparator.reverseOrder())
                                .map(n -> n + "@" + part(n).price()).toList()).toList())),
                DynamicTest.dynamicTest("select", () -> shape(
                        DataQuery.from("WorkOrders").select(WorkOrder.TITLE, WorkOrder.ESTIMATED_COST)
                                .filter(WorkOrder.PRIORITY.eq(1)).orderBy(WorkOrder.ID.asc()),
                        "WorkOrders?$select=Title,EstimatedCost&$filter=Priority eq 1&$orderby=Id",
                        e -> e.getValue("Id") + " " + e.getValue("Title") + " " + e.getValue("EstimatedCost") + " "
                                + e.has("Priority") + e.has("Description") + e.has("Status"),
                        ORDERS.stream().filter(w -> w.priority() == 1).map(w -> w.id() + " " + w.title() + " " + w.cost()
                                + " falsefalsefalse").toList())),
                DynamicTest.dynamicTest("count with top and filter", () -> {
                    long expected = ORDERS.stream().filter(w -> w.priority() >= 4).count();
                    assertThat(expected).isBetween(1L, (long) ORDERS.size() - 1);
                    for (DataQuery q : List.of(
                            DataQuery.from("WorkOrders").filter(WorkOrder.PRIORITY.ge(4)).orderBy(WorkOrder.ID.asc()).top(5).withCount(),
                            DataQuery.parse("WorkOrders?$filter=Priority ge 4&$orderby=Id&$top=5&$count=true"))) {
                        QueryResult<EntityValue> r = f.service.executeQuery(q);
                        assertThat(r.count()).as(q.toUrl()).isEqualTo(expected);
                        assertThat(r.entities()).extracting(e -> (Long) e.getValue("Id")).isEqualTo(ORDERS.stream()
                                .filter(w -> w.priority() >= 4).map(Wo::id).sorted().limit(5).toList());
                    }
                    for (DataQuery q : List.of(DataQuery.from("WorkOrders").filter(WorkOrder.PRIORITY.ge(4)).countOnly(),
                            DataQuery.parse("WorkOrders/$count?$filter=Priority ge 4"))) {
                        assertThat(f.service.executeQuery(q).count()).as(q.toUrl()).isEqualTo(expected);
                    }
                    long localTasks = ORDERS.stream().filter(w -> LOCAL.contains(w.id())).mapToLong(w -> w.tasks().size()).sum();
                    assertThat(f.service.executeQuery(DataQuery.parse("Tasks/$count?$filter=WorkOrder/Id in ("
                            + LOCAL.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")")).count())
                            .isEqualTo(localTasks);
                }));
    }

    private void shape(DataQuery dsl, String url, java.util.function.Function<EntityValue, String> render, List<String> expected) {
        assertThat(expected).as("the data makes this case non-trivial").isNotEmpty();
        assertThat(f.service.executeQuery(dsl).entities().stream().map(render).toList()).as("typed DSL").isEqualTo(expected);
        assertThat(f.service.executeQuery(DataQuery.parse(url)).entities().stream().map(render).toList()).as("URL string")
                .isEqualTo(expected);
    }

    private void order(DataQuery dsl, String url, Comparator<Wo> order, int skip, int top) {
        List<Long> expected = ORDERS.stream().sorted(order).skip(skip).limit(top).map(Wo::id).toList();
        assertThat(unsortedIds(dsl)).isEqualTo(expected);
        assertThat(unsortedIds(DataQuery.parse(url))).isEqualTo(expected);
    }

    private static List<Long> ids(DataQuery q) {
        return unsortedIds(q).stream().sorted().toList();
    }

    private static List<Long> unsortedIds(DataQuery q) {
        return f.service.executeQuery(q).entities().stream().map(e -> (Long) e.getValue("Id"))
                .filter(Objects::nonNull).collect(Collectors.toList());
    }
}
