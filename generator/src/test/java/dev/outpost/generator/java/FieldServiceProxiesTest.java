package dev.outpost.generator.java;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issues 3 and 4 proven through generated proxies: the example back end's {@code $metadata} goes
 * through {@link Generator#generate}, the proxies are compiled in memory together with
 * application code written only against them (the string below), and that code runs the local
 * scenarios of {@code LocalChangesTest} through the typed API on a real {@code OfflineStore}
 * file: creates with and without keys, updates, deletes, links, a change set, undo and typed
 * queries with filter, order and expand. Each scenario returns what it observed. The rest of
 * L1–L15, and the parts that need a server state, are in {@link FieldServiceProxiesLocalChangesTest}.
 *
 * <p>Why here and not in a module of its own: the generator's tests already compile generated
 * code in memory against the runtime on their class path; a separate module would only repeat
 * that set-up.
 */
class FieldServiceProxiesTest {

    private static final String APP = """
            package app;

            import com.example.field.Customer;
            import com.example.field.FieldMetadata;
            import com.example.field.FieldService;
            import com.example.field.Part;
            import com.example.field.Task;
            import com.example.field.WorkOrder;
            import com.example.field.WorkOrderStatus;
            import dev.outpost.ChangeSet;
            import dev.outpost.DataRequestException;
            import dev.outpost.EntityValue;
            import dev.outpost.OfflineStore;
            import dev.outpost.RequestOptions;
            import dev.outpost.StoreOptions;
            import dev.outpost.query.DataQuery;

            import java.math.BigDecimal;
            import java.nio.file.Path;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.UUID;

            import static app.FieldKit.*;

            /** An application that knows only the generated proxies and the runtime's user API. */
            public final class FieldApp {

                private FieldApp() {
                }

                public static List<String> createWithAndWithoutKey(Path file) {
                    List<String> log = new ArrayList<>();
                    try (OfflineStore store = open(file)) {
                        FieldService service = new FieldService(store);
                        Customer acme = customer(ACME, "ACME");
                        service.createInCustomers(acme);
                        WorkOrder first = workOrder("Replace pump", 1, WorkOrderStatus.NEW);
                        WorkOrder second = workOrder("Inspect boiler", 2, WorkOrderStatus.SCHEDULED);
                        service.createInWorkOrders(first);
                        service.createInWorkOrders(second);
                        log.add("customer " + acme.readLink() + " new=" + acme.isNew());
                        log.add("work orders " + first.readLink() + " " + second.readLink() + " ids " + first.getId()
                                + " " + second.getId());
                        Customer found = service.fetchCustomersByKey(ACME);
                        log.add("by key " + found.getClass().getSimpleName() + " " + found.getName());
                        WorkOrder read = (WorkOrder) service.loadEntity(second.readLink());
                        log.add("by readLink " + read.getTitle() + " " + read.getStatus() + " local=" + read.isLocal());
                        try {
                            service.createInCustomers(customer(ACME, "ACME again"));
                        } catch (DataRequestException e) {
                            log.add("duplicate key " + e.status());
                        }
                        log.addAll(queue(service));
                    }
                    return log;
                }

                public static List<String> updateAndDelete(Path file) {
                    List<String> log = new ArrayList<>();
                    try (OfflineStore store = open(file)) {
                        FieldService service = new FieldService(store);
                        WorkOrder wo = workOrder("Replace pump", 3, WorkOrderStatus.NEW);
                        service.createInWorkOrders(wo);
                        wo.setPriority(1);
                        wo.setEstimatedCost(new BigDecimal("120.50"));
                        log.add("changed " + wo.changedProperties());
                        service.updateInWorkOrders(wo);
                        WorkOrder read = service.fetchWorkOrders(DataQuery.options().filter(WorkOrder.TITLE.eq("Replace pump")))
                                .get(0);
                        log.add("read " + read.getPriority() + " " + read.getEstimatedCost() + " pending="
                                + read.hasPendingChanges());
                        Customer gone = customer(ACME, "Gone");
                        service.createInCustomers(gone);
                        service.deleteFromCustomers(gone);
                        log.add("customers " + service.fetchCustomers().size());
                        log.addAll(queue(service));
                    }
                    return log;
                }

                public static List<String> linksAndUnlinks(Path file) {
                    List<String> log = new ArrayList<>();
                    try (OfflineStore store = open(file)) {
                        FieldService service = new FieldService(store);
                        Customer acme = customer(ACME, "ACME");
                        service.createInCustomers(acme);
                        Part pump = new Part();
                        pump.setPartNumber("P-1");
                        pump.setName("Pump");
                        service.createInParts(pump);
                        WorkOrder wo = workOrder("Replace pump", 1, WorkOrderStatus.NEW);
                        service.createInWorkOrders(wo);

                        service.createLinkInWorkOrders(wo, WorkOrder.CUSTOMER, acme);
                        service.createLinkInWorkOrders(wo, WorkOrder.PARTS, pump);
                        DataQuery expanded = DataQuery.options().expand(WorkOrder.CUSTOMER).expand(WorkOrder.PARTS);
                        WorkOrder linked = service.fetchWorkOrders(expanded).get(0);
                        log.add("linked " + linked.getCustomer().getName() + " " + linked.getParts().get(0).getName()
                                + " customer id " + linked.getCustomerId());
                        Customer back = service.fetchCustomers(DataQuery.options().expand(Customer.WORK_ORDERS)).get(0);
                        log.add("partner " + back.getWorkOrders().get(0).getTitle());

                        service.deleteLinkInWorkOrders(wo, WorkOrder.CUSTOMER);
                        service.deleteLinkInWorkOrders(wo, WorkOrder.PARTS, pump);
                        WorkOrder unlinked = service.fetchWorkOrders(expanded).get(0);
                        log.add("unlinked " + unlinked.getCustomer() + " " + unlinked.getParts());
                        log.addAll(queue(service));
                    }
                    return log;
                }

                public static List<String> changeSetAndUndo(Path file) {
                    List<String> log = new ArrayList<>();
                    try (OfflineStore store = open(file)) {
                        FieldService service = new FieldService(store);
                        WorkOrder parent = workOrder("Parent", 2, WorkOrderStatus.NEW);
                        Task child = task(1, "Child", false);
                        service.applyChanges(new ChangeSet()
                                .createEntity(parent, FieldMetadata.WORK_ORDERS, RequestOptions.defaults())
                                .createRelatedEntity(child, parent, WorkOrder.TASKS.name()));
                        for (EntityValue r : service.executeQuery(DataQuery.parse("RequestQueue?$orderby=RequestID")).entities()) {
                            log.add("request " + r.getValue("Method") + " change set " + r.getValue("ChangeSet")
                                    + " content ID " + r.getValue("ContentID"));
                        }
                        WorkOrder withTasks = service.fetchWorkOrders(DataQuery.options().expand(WorkOrder.TASKS)).get(0);
                        log.add("child " + withTasks.getTasks().get(0).getDescription() + " of " + withTasks.getTitle());

                        WorkOrder kept = workOrder("Kept", 3, WorkOrderStatus.NEW);
                        WorkOrder undone = workOrder("Undone", 3, WorkOrderStatus.NEW);
                        service.createInWorkOrders(kept);
                        service.createInWorkOrders(undone);
                        undone.setTitle("Undone twice");
                        service.updateInWorkOrders(undone);
                        service.undoPendingChanges(undone);
                        List<String> titles = new ArrayList<>();
                        service.fetchWorkOrders(DataQuery.options().orderBy(WorkOrder.TITLE.asc()))
                                .forEach(w -> titles.add(w.getTitle()));
                        log.add("after undo " + titles);
                        log.add("queue " + queue(service).size() + " requests, empty=" + store.isRequestQueueEmpty());
                    }
                    return log;
                }

                public static List<String> typedQueries(Path file) {
                    List<String> log = new ArrayList<>();
                    try (OfflineStore store = open(file)) {
                        FieldService service = new FieldService(store);
                        Customer acme = customer(ACME, "ACME");
                        service.createInCustomers(acme);
                        WorkOrder pump = workOrder("Replace pump", 1, WorkOrderStatus.IN_PROGRESS);
                        pump.setTasks(List.of(task(2, "Fit pump", false), task(1, "Drain", true)));
                        WorkOrder boiler = workOrder("Inspect boiler", 2, WorkOrderStatus.SCHEDULED);
                        boiler.setTasks(List.of(task(1, "Look", true)));
                        WorkOrder roof = workOrder("Roof", 1, WorkOrderStatus.DONE);
                        WorkOrder alarm = workOrder("Alarm", 1, WorkOrderStatus.NEW);
                        for (WorkOrder w : List.of(pump, boiler, roof, alarm)) {
                            service.createInWorkOrders(w);
                        }
                        service.createLinkInWorkOrders(pump, WorkOrder.CUSTOMER, acme);

                        DataQuery open = DataQuery.options()
                                .filter(WorkOrder.PRIORITY.le(2).and(WorkOrder.STATUS.ne(WorkOrderStatus.DONE)))
                                .orderBy(WorkOrder.PRIORITY.asc(), WorkOrder.TITLE.desc())
                                .expand(WorkOrder.TASKS, q -> q.orderBy(Task.LINE_NO.asc()))
                                .expand(WorkOrder.CUSTOMER);
                        log.add(DataQuery.from(FieldMetadata.WORK_ORDERS).filter(WorkOrder.PRIORITY.le(2)
                                        .and(WorkOrder.STATUS.ne(WorkOrderStatus.DONE)))
                                .orderBy(WorkOrder.PRIORITY.asc(), WorkOrder.TITLE.desc())
                                .expand(WorkOrder.TASKS, q -> q.orderBy(Task.LINE_NO.asc())).expand(WorkOrder.CUSTOMER).toUrl());
                        for (WorkOrder w : service.fetchWorkOrders(open)) {
                            List<String> tasks = new ArrayList<>();
                            w.getTasks().forEach(t -> tasks.add(t.getLineNo() + ":" + t.getDescription()));
                            log.add(w.getTitle() + " " + w.getStatus() + " tasks " + tasks + " customer "
                                    + (w.getCustomer() == null ? null : w.getCustomer().getName()));
                        }
                        List<String> unfinished = new ArrayList<>();
                        service.fetchWorkOrders(DataQuery.options().filter(WorkOrder.TASKS.any(t -> t.path(Task.DONE).eq(false))))
                                .forEach(w -> unfinished.add(w.getTitle()));
                        log.add("with unfinished tasks " + unfinished);
                        List<String> parsed = new ArrayList<>();
                        service.fetchWorkOrders(DataQuery.parse("WorkOrders?$filter=Priority le 2 and Status ne"
                                + " FieldService.WorkOrderStatus'Done'&$orderby=Priority,Title desc"))
                                .forEach(w -> parsed.add(w.getTitle()));
                        log.add("same query as a URL " + parsed);
                        log.add("top 1 skip 1 " + service.fetchWorkOrders(DataQuery.options().orderBy(WorkOrder.TITLE.asc())
                                .skip(1).top(1)).get(0).getTitle());
                    }
                    return log;
                }
            }
            """;

    private static ClassLoader loader;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateAndCompile() {
        loader = FieldApps.compile(APP);
    }

    @SuppressWarnings("unchecked")
    private List<String> run(String scenario) throws Exception {
        Class<?> app = Class.forName("app.FieldApp", true, loader);
        try {
            return (List<String>) app.getMethod(scenario, Path.class).invoke(null, dir.resolve(scenario + ".db"));
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    @Test
    void L1_createsWithAndWithoutKeys() throws Exception {
        assertThat(run("createWithAndWithoutKey")).containsExactly(
                "customer Customers($lid=1) new=true",
                "work orders WorkOrders($lid=1) WorkOrders($lid=2) ids null null",
                "by key Customer ACME",
                "by readLink Inspect boiler SCHEDULED local=true",
                "duplicate key 409",
                "POST Customers {\"Id\":\"11111111-2222-3333-4444-555555555555\",\"Name\":\"ACME\"}",
                "POST WorkOrders {\"Title\":\"Replace pump\",\"Priority\":1,\"Status\":\"New\"}",
                "POST WorkOrders {\"Title\":\"Inspect boiler\",\"Priority\":2,\"Status\":\"Scheduled\"}");
    }

    @Test
    void L3_L5_updatesAndDeletes() throws Exception {
        assertThat(run("updateAndDelete")).containsExactly(
                "changed [Priority, EstimatedCost]",
                "read 1 120.50 pending=true",
                "customers 0",
                "POST WorkOrders {\"Title\":\"Replace pump\",\"Priority\":3,\"Status\":\"New\"}",
                "PATCH WorkOrders($lid=1) {\"Priority\":1,\"EstimatedCost\":120.50}",
                "POST Customers {\"Id\":\"11111111-2222-3333-4444-555555555555\",\"Name\":\"Gone\"}",
                "DELETE Customers($lid=1)");
    }

    @Test
    void L6_linksAndUnlinks() throws Exception {
        assertThat(run("linksAndUnlinks")).containsExactly(
                "linked ACME Pump customer id 11111111-2222-3333-4444-555555555555",
                "partner Replace pump",
                "unlinked null []",
                "POST Customers {\"Id\":\"11111111-2222-3333-4444-555555555555\",\"Name\":\"ACME\"}",
                "POST Parts {\"PartNumber\":\"P-1\",\"Name\":\"Pump\"}",
                "POST WorkOrders {\"Title\":\"Replace pump\",\"Priority\":1,\"Status\":\"New\"}",
                "PUT WorkOrders($lid=1)/Customer/$ref {\"@odata.id\":\"Customers($lid=1)\"}",
                "POST WorkOrders($lid=1)/Parts/$ref {\"@odata.id\":\"Parts($lid=1)\"}",
                "DELETE WorkOrders($lid=1)/Customer/$ref",
                "DELETE WorkOrders($lid=1)/Parts/$ref?$id=Parts($lid=1)");
    }

    @Test
    void L9_L12_aChangeSetAndUndo() throws Exception {
        assertThat(run("changeSetAndUndo")).containsExactly(
                "request POST change set 1 content ID 1",
                "request POST change set 1 content ID 2",
                "child Child of Parent",
                "after undo [Kept, Parent]",
                "queue 3 requests, empty=false");
    }

    @Test
    void typedQueriesFilterOrderAndExpand() throws Exception {
        assertThat(run("typedQueries")).containsExactly(
                "WorkOrders?$filter=Priority%20le%202%20and%20Status%20ne%20FieldService.WorkOrderStatus'Done'&$expand=Tasks($orderby=LineNo),Customer&$orderby=Priority,Title%20desc",
                "Replace pump IN_PROGRESS tasks [1:Drain, 2:Fit pump] customer ACME",
                "Alarm NEW tasks [] customer null",
                "Inspect boiler SCHEDULED tasks [1:Look] customer null",
                "with unfinished tasks [Replace pump]",
                "same query as a URL [Replace pump, Alarm, Inspect boiler]",
                "top 1 skip 1 Inspect boiler");
    }
}
