package dev.outpost.generator.java;

import dev.outpost.generator.output.GeneratedFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * G3/G4: the kitchen-sink golden case's proxies, compiled together with application code (the
 * strings below), build typed queries that render the exact OData URLs, hold typed values, and
 * drive a data service. The application code runs against a provider that records what the
 * service asks of it.
 */
class ProxyRunTest {

    private static final String QUERIES = """
            package usage;

            import com.example.golden.Address;
            import com.example.golden.Customer;
            import com.example.golden.GoldenMetadata;
            import com.example.golden.Order;
            import com.example.golden.OrderLine;
            import com.example.golden.Skill;
            import com.example.golden.Status;
            import dev.outpost.query.DataQuery;

            import java.math.BigDecimal;
            import java.util.LinkedHashMap;
            import java.util.List;
            import java.util.Map;
            import java.util.function.Supplier;

            public final class Queries implements Supplier<List<String>> {
                @Override
                public List<String> get() {
                    Map<String, Object> lineKey = new LinkedHashMap<>();
                    lineKey.put("OrderId", 7);
                    lineKey.put("LineNo", (short) 2);
                    return List.of(
                            DataQuery.from(GoldenMetadata.ORDERS)
                                    .filter(Order.STATUS.eq(Status.IN_PROGRESS).and(Order.DECIMAL.gt(new BigDecimal("9.50"))))
                                    .toUrl(),
                            DataQuery.from(GoldenMetadata.CUSTOMERS)
                                    .filter(Customer.ORDERS.any(o -> o.path(Order.INT32).lt(3)))
                                    .toUrl(),
                            DataQuery.from(GoldenMetadata.ORDERS)
                                    .filter(Order.CUSTOMER.path(Customer.NAME).eq("ACME")
                                            .or(Order.CUSTOMER.path(Customer.ADDRESS.path(Address.CITY)).eq("Lyon")))
                                    .toUrl(),
                            DataQuery.from(GoldenMetadata.ORDERS)
                                    .expand(Order.LINES, q -> q.select(OrderLine.LINE_NO, OrderLine.QUANTITY)
                                            .filter(OrderLine.DONE.eq(false)).orderBy(OrderLine.LINE_NO.desc()).top(5))
                                    .expand(Order.CUSTOMER)
                                    .toUrl(),
                            DataQuery.from(GoldenMetadata.ORDER_LINES).withKey(lineKey).toUrl(),
                            DataQuery.from(GoldenMetadata.CUSTOMERS)
                                    .filter(Customer.SKILLS.has(Skill.WELDING).and(Customer.TAGS.any(t -> t.eq("vip"))))
                                    .select(Customer.NAME, Customer.ADDRESS.path(Address.CITY))
                                    .toUrl(),
                            DataQuery.from(GoldenMetadata.ORDERS).filter(Order.CLASS_.eq("A").and(Order.TYPE_2.ne("B"))
                                    .and(Order.NAME_2.startsWith("n"))).toUrl());
                }
            }
            """;

    private static final String SERVICE = """
            package usage;

            import com.example.golden.Circle;
            import com.example.golden.Customer;
            import com.example.golden.GoldenMetadata;
            import com.example.golden.GoldenService;
            import com.example.golden.Order;
            import com.example.golden.OrderLine;
            import com.example.golden.Skill;
            import com.example.golden.Status;
            import dev.outpost.ComplexValue;
            import dev.outpost.EntityNotFoundException;
            import dev.outpost.EntityValue;
            import dev.outpost.QueryResult;
            import dev.outpost.internal.EntityAccess;
            import dev.outpost.model.Operation;
            import dev.outpost.model.QualifiedName;
            import dev.outpost.model.ServiceModel;
            import dev.outpost.query.DataQuery;
            import dev.outpost.spi.Change;
            import dev.outpost.spi.DataProvider;
            import dev.outpost.spi.ValueFactory;

            import java.util.ArrayList;
            import java.util.EnumSet;
            import java.util.List;
            import java.util.Map;
            import java.util.function.Supplier;

            public final class ServiceRun implements Supplier<List<String>> {

                /** Records requests; answers queries of Orders(7) with one order and all else with nothing. */
                static final class Recorder implements DataProvider {
                    final List<String> log = new ArrayList<>();
                    final ServiceModel model = GoldenMetadata.loadModel();

                    @Override
                    public ServiceModel model() {
                        return model;
                    }

                    @Override
                    public QueryResult<EntityValue> executeQuery(DataQuery query, ValueFactory factory) {
                        log.add("query " + query.toUrl());
                        if (!query.toUrl().equals("Orders(7)")) {
                            return new QueryResult<>(List.of(), null, null);
                        }
                        EntityValue order = factory.newEntity(Order.TYPE);
                        EntityAccess.get().setLinks(order, "Orders(7)", "Orders(7)");
                        return new QueryResult<>(List.of(order), null, null);
                    }

                    @Override
                    public void apply(List<Change> changes, boolean changeSet) {
                        for (Change c : changes) {
                            if (c instanceof Change.Create create) {
                                log.add("create in " + create.entitySet() + " a " + create.entity().entityType().name());
                            } else if (c instanceof Change.CreateRelated related) {
                                log.add("create related at " + related.parent().readLink() + "/" + related.navigation());
                            } else if (c instanceof Change.CreateLink link) {
                                log.add("link " + link.source().readLink() + "/" + link.navigation());
                            } else {
                                log.add(c.getClass().getSimpleName());
                            }
                        }
                    }

                    @Override
                    public void undoPendingChanges(String readLink) {
                    }

                    @Override
                    public Object callOperation(Operation.Kind kind, QualifiedName operation, String binding,
                                                Map<String, Object> parameters, ValueFactory factory) {
                        log.add(kind + " " + operation + " on " + binding + " with " + parameters);
                        return factory.newEntity(Order.TYPE);
                    }
                }

                @Override
                public List<String> get() {
                    Recorder recorder = new Recorder();
                    GoldenService service = new GoldenService(recorder);
                    Order order = service.fetchOrdersByKey(7);
                    recorder.log.add("found " + order.getClass().getSimpleName() + " at " + order.readLink());
                    try {
                        service.fetchOrderLinesByKey(7, (short) 2);
                    } catch (EntityNotFoundException e) {
                        recorder.log.add("not found " + e.readLink());
                    }
                    recorder.log.add("open orders " + service.fetchOrders(DataQuery.options().filter(Order.STATUS.ne(Status.DONE))).size());
                    try {
                        service.fetchOrders(DataQuery.from(GoldenMetadata.CUSTOMERS));
                    } catch (IllegalArgumentException e) {
                        recorder.log.add("refused a query of another entity set");
                    }
                    Customer customer = new Customer();
                    customer.setName("ACME");
                    customer.setSkills(EnumSet.of(Skill.WELDING, Skill.ELECTRICAL));
                    customer.setTags(List.of("vip"));
                    recorder.log.add("customer values " + customer.getValue("Name") + " " + customer.getValue("Skills")
                            + " " + customer.getSkills() + " " + customer.changedProperties());
                    service.createInCustomers(customer);
                    OrderLine line = new OrderLine();
                    service.createRelatedInOrders(line, order, Order.LINES);
                    service.createLinkInOrders(order, Order.CUSTOMER, customer);
                    Order shipped = service.ship(order, "DHL", "express", EnumSet.of(Skill.PLUMBING));
                    recorder.log.add("ship returned " + shipped.getClass().getSimpleName());
                    service.overdueOnOrderCollection("Orders", null);
                    try {
                        service.fetchSettings();
                    } catch (EntityNotFoundException e) {
                        recorder.log.add("no settings " + e.readLink());
                    }
                    recorder.log.add("factory " + GoldenMetadata.VALUE_FACTORY.newEntity(new QualifiedName("Outpost.Golden", "order")).getClass().getSimpleName()
                            + " " + GoldenMetadata.VALUE_FACTORY.newEntity(new QualifiedName("Outpost.Golden", "Party")).getClass().getSimpleName()
                            + " " + GoldenMetadata.VALUE_FACTORY.newComplex(new QualifiedName("Outpost.Golden.Other", "Address")).getClass().getName());
                    try {
                        service.fetchRatesByKey(Status.DONE);
                    } catch (EntityNotFoundException e) {
                        recorder.log.add("no rate " + e.readLink());
                    }
                    customer.setValue("Outline", new ComplexValue(Circle.TYPE).setValue("Radius", 2.5));
                    recorder.log.add("outline " + customer.getOutline().getClass().getSimpleName() + " "
                            + customer.getOutline().complexType());
                    Order withLines = new Order();
                    withLines.setLines(List.of(new OrderLine(), new OrderLine()));
                    recorder.log.add("deep insert of " + withLines.getLines().size() + " lines");
                    recorder.log.add("model " + recorder.model.entitySets().size() + " entity sets");
                    return recorder.log;
                }
            }
            """;

    private static ClassLoader loader;

    @BeforeAll
    static void compile() throws Exception {
        List<GeneratedFile> files = GoldenTest.generate("kitchen-sink");
        InMemoryCompiler.Result result = InMemoryCompiler.compile(files,
                Map.of("usage/Queries.java", QUERIES, "usage/ServiceRun.java", SERVICE), List.of("--release", "17"));
        assertThat(result.success()).as(result.report()).isTrue();
        loader = result.classLoader(files);
    }

    @SuppressWarnings("unchecked")
    private static List<String> run(String className) throws Exception {
        Class<?> type = Class.forName(className, true, loader);
        return ((Supplier<List<String>>) type.getConstructor().newInstance()).get();
    }

    @Test
    void typedQueriesRenderTheExactUrls() throws Exception {
        assertThat(run("usage.Queries")).containsExactly(
                "Orders?$filter=Status%20eq%20Outpost.Golden.Status'InProgress'%20and%20Decimal%20gt%209.50",
                "Customers?$filter=Orders/any(o:o/Int32%20lt%203)",
                "Orders?$filter=Customer/Name%20eq%20'ACME'%20or%20Customer/Address/City%20eq%20'Lyon'",
                "Orders?$expand=Lines($filter=Done%20eq%20false;$select=LineNo,Quantity;$orderby=LineNo%20desc;$top=5),Customer",
                "OrderLines(OrderId=7,LineNo=2)",
                "Customers?$filter=Skills%20has%20Outpost.Golden.Skill'Welding'%20and%20Tags/any(t:t%20eq%20'vip')"
                        + "&$select=Name,Address/City",
                "Orders?$filter=Class%20eq%20'A'%20and%20Type%20ne%20'B'%20and%20startswith(name,'n')");
    }

    @Test
    void theServiceDrivesItsProvider() throws Exception {
        assertThat(run("usage.ServiceRun")).containsExactly(
                "query Orders(7)",
                "found Order at Orders(7)",
                "query OrderLines(OrderId=7,LineNo=2)",
                "not found OrderLines(OrderId=7,LineNo=2)",
                "query Orders?$filter=Status%20ne%20Outpost.Golden.Status'Done'",
                "open orders 0",
                "refused a query of another entity set",
                "customer values ACME Electrical,Welding [ELECTRICAL, WELDING] [Name, Skills, Tags]",
                "create in Customers a Customer",
                "create related at Orders(7)/Lines",
                "link Orders(7)/Customer",
                "ACTION Outpost.Golden.Ship on Orders(7) with {Carrier=DHL, class=express, Skills=[PLUMBING]}",
                "ship returned Order",
                "FUNCTION Outpost.Golden.Overdue on Orders with {Since=null}",
                "query Settings",
                "no settings Settings",
                "factory Order_2 EntityValue com.example.golden.other.Address",
                "query Rates('Done')",
                "no rate Rates('Done')",
                "outline Circle Outpost.Golden.Circle",
                "deep insert of 2 lines",
                "model 6 entity sets");
    }
}
