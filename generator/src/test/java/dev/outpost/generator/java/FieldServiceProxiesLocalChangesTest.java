package dev.outpost.generator.java;

import dev.outpost.examples.backend.BackendOptions;
import dev.outpost.examples.backend.FieldServiceBackend;
import dev.outpost.examples.backend.JournalEntry;
import dev.outpost.examples.backend.Seed;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * L1–L15 of issue 4 through generated proxies, next to {@link FieldServiceProxiesTest}: the
 * example back end's {@code $metadata} goes through {@link Generator#generate}, the proxies are
 * compiled in memory with application code written only against them and the runtime's user API
 * (the string below), and that code runs on a real {@code OfflineStore} file. Where a promise
 * needs a server state or a key the server assigns (L2, L4, L5, L10–L14), the store downloads
 * from and uploads to the example back end on loopback, seeded with one work order (two tasks,
 * one part link) over two customers; the test checks what the back end received in its
 * {@code $batch}es. Each scenario returns what it observed; each test name says which L it proves.
 */
class FieldServiceProxiesLocalChangesTest {

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
            import dev.outpost.EntityNotFoundException;
            import dev.outpost.EntityValue;
            import dev.outpost.OfflineStore;
            import dev.outpost.RequestOptions;
            import dev.outpost.StoreOptions;
            import dev.outpost.SyncOptions;
            import dev.outpost.UploadOptions;
            import dev.outpost.UploadResult;
            import dev.outpost.query.DataQuery;
            import dev.outpost.query.QueryFunction;

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

                static String upload(OfflineStore store) {
                    UploadResult r = store.upload().join();
                    return "uploaded " + r.succeeded() + " failed " + r.failed();
                }

                public static List<String> keysAndUniqueness(Path file) {
                    List<String> log = new ArrayList<>();
                    try (OfflineStore store = open(file)) {
                        FieldService service = new FieldService(store);
                        WorkOrder parent = workOrder("Parent", 1, WorkOrderStatus.NEW);
                        service.createInWorkOrders(parent);
                        service.createRelatedInWorkOrders(task(1, "first", false), parent, WorkOrder.TASKS);
                        service.createRelatedInWorkOrders(task(1, "also line 1", false), parent, WorkOrder.TASKS);
                        List<String> tasks = new ArrayList<>();
                        service.fetchTasks(DataQuery.options().orderBy(Task.DESCRIPTION.asc()))
                                .forEach(t -> tasks.add(t.readLink() + " " + t.getWorkOrderId() + "/" + t.getLineNo() + " " + t.getDescription()));
                        log.add("parent key unknown " + tasks);
                        Task keyed = task(1, "keyed", false);
                        keyed.setWorkOrderId(7L);
                        service.createInTasks(keyed);
                        Task again = task(1, "keyed again", false);
                        again.setWorkOrderId(7L);
                        int before = queue(service).size();
                        try {
                            service.createInTasks(again);
                        } catch (DataRequestException e) {
                            log.add("full key known " + e.status() + " queue unchanged " + (queue(service).size() == before)
                                    + " readLink " + again.readLink());
                        }
                        log.add("tasks " + service.fetchTasks().size());
                    }
                    return log;
                }

                public static List<String> readAndEditLinksAcrossKeyAssignment(Path file, String serviceRoot) {
                    List<String> log = new ArrayList<>();
                    try (OfflineStore store = open(file, serviceRoot)) {
                        FieldService service = new FieldService(store);
                        store.download().join();
                        WorkOrder wo = workOrder("Replace pump", 1, WorkOrderStatus.NEW);
                        service.createInWorkOrders(wo);
                        Task t = task(1, "Drain", false);
                        service.createRelatedInWorkOrders(t, wo, WorkOrder.TASKS);
                        String woLink = wo.readLink();
                        String taskLink = t.readLink();
                        log.add("before upload " + woLink + " " + wo.editLink() + " " + taskLink + " " + t.editLink());
                        WorkOrder local = (WorkOrder) service.loadEntity(woLink);
                        log.add("local " + local.getTitle() + " id " + local.getId() + " " + local.readLink() + " new=" + local.isNew());
                        log.add(upload(store));
                        WorkOrder uploaded = (WorkOrder) service.loadEntity(woLink);
                        Task uploadedTask = (Task) service.loadEntity(taskLink);
                        log.add("after upload " + uploaded.getId() + " " + uploaded.readLink() + " " + uploaded.editLink() + " "
                                + uploadedTask.readLink() + " new=" + uploaded.isNew());
                        store.download().join();
                        WorkOrder downloaded = (WorkOrder) service.loadEntity(woLink);
                        WorkOrder byKey = service.fetchWorkOrdersByKey(downloaded.getId());
                        log.add("after download " + downloaded.getTitle() + " " + downloaded.readLink() + " " + downloaded.editLink()
                                + " by key " + byKey.readLink() + " " + ((Task) service.loadEntity(taskLink)).getDescription());
                        wo.setPriority(5);
                        service.updateInWorkOrders(wo);
                        log.addAll(queue(service));
                        log.add(upload(store));
                        log.add("server priority " + ((WorkOrder) service.loadEntity(downloaded.readLink())).getPriority());
                    }
                    return log;
                }

                public static List<String> everyUpdateIsOnePatch(Path file) {
                    List<String> log = new ArrayList<>();
                    try (OfflineStore store = open(file)) {
                        FieldService service = new FieldService(store);
                        WorkOrder wo = workOrder("Fix boiler", 2, WorkOrderStatus.SCHEDULED);
                        service.createInWorkOrders(wo);
                        wo.setTitle("Fix boiler now");
                        service.updateInWorkOrders(wo);
                        wo.setPriority(1);
                        wo.setEstimatedCost(new BigDecimal("99.90"));
                        service.updateInWorkOrders(wo);
                        WorkOrder read = service.fetchWorkOrders().get(0);
                        log.add("read " + read.getTitle() + " " + read.getPriority() + " " + read.getEstimatedCost() + " " + read.getStatus());
                        log.addAll(queue(service));
                    }
                    return log;
                }

                public static List<String> emptyUpdates(Path file, String serviceRoot) {
                    List<String> log = new ArrayList<>();
                    try (OfflineStore store = open(file, serviceRoot)) {
                        FieldService service = new FieldService(store);
                        store.download().join();
                        WorkOrder wo = service.fetchWorkOrdersByKey(1L);
                        service.updateInWorkOrders(wo);
                        log.add("plain empty update queued " + queue(service) + " empty=" + store.isRequestQueueEmpty());
                        service.updateInWorkOrders(wo, RequestOptions.defaults().sendEmptyUpdate());
                        log.addAll(queue(service));
                        log.add(upload(store));
                    }
                    return log;
                }

                public static List<String> deletes(Path file, String serviceRoot, Runnable serverDeletesTask) {
                    List<String> log = new ArrayList<>();
                    try (OfflineStore store = open(file, serviceRoot)) {
                        FieldService service = new FieldService(store);
                        store.download().join();
                        WorkOrder local = workOrder("Local", 1, WorkOrderStatus.NEW);
                        service.createInWorkOrders(local);
                        service.deleteFromWorkOrders(local);
                        Task task = service.fetchTasksByKey(1L, 1);
                        service.deleteFromTasks(task);
                        List<String> lines = new ArrayList<>();
                        service.fetchTasks().forEach(t -> lines.add(t.getWorkOrderId() + "/" + t.getLineNo()));
                        log.add("tasks " + lines + " work orders " + titles(service.fetchWorkOrders()));
                        serverDeletesTask.run();
                        store.download().join();
                        lines.clear();
                        service.fetchTasks().forEach(t -> lines.add(t.getWorkOrderId() + "/" + t.getLineNo()));
                        log.add("after download tasks " + lines);
                        try {
                            service.loadEntity(task.readLink());
                        } catch (EntityNotFoundException e) {
                            log.add("deleted " + e.status());
                        }
                        log.addAll(queue(service));
                        log.add(upload(store));
                        for (EntityValue e : service.executeQuery(DataQuery.parse("ErrorArchive")).entities()) {
                            log.add("archived " + e.getValue("RequestMethod") + " " + e.getValue("RequestURL") + " "
                                    + e.getValue("HTTPStatusCode") + " " + e.getValue("AffectedEntityReadLink"));
                        }
                    }
                    return log;
                }
                public static List<String> linksOfEveryCardinality(Path file) {
                    List<String> log = new ArrayList<>();
                    try (OfflineStore store = open(file)) {
                        FieldService service = new FieldService(store);
                        Customer acme = customer(ACME, "ACME");
                        Customer globex = customer(GLOBEX, "Globex");
                        service.createInCustomers(acme);
                        service.createInCustomers(globex);
                        WorkOrder wo = workOrder("Replace pump", 1, WorkOrderStatus.NEW);
                        service.createInWorkOrders(wo);
                        service.createLinkInCustomers(acme, Customer.WORK_ORDERS, wo);
                        log.add("one-to-many from the one side " + service.fetchWorkOrders(DataQuery.options().expand(WorkOrder.CUSTOMER))
                                .get(0).getCustomer().getName());
                        service.updateLinkInWorkOrders(wo, WorkOrder.CUSTOMER, globex);
                        WorkOrder read = service.fetchWorkOrders(DataQuery.options().expand(WorkOrder.CUSTOMER)).get(0);
                        log.add("0..1 updated " + read.getCustomer().getName() + " " + read.getCustomerId());
                        List<String> orders = new ArrayList<>();
                        service.fetchCustomers(DataQuery.options().expand(Customer.WORK_ORDERS).orderBy(Customer.NAME.asc()))
                                .forEach(c -> orders.add(c.getName() + "=" + titles(c.getWorkOrders())));
                        log.add("partners " + orders);
                        Part valve = new Part();
                        valve.setPartNumber("P-2");
                        valve.setName("Valve");
                        service.createInParts(valve);
                        service.createLinkInParts(valve, Part.WORK_ORDERS, wo);
                        log.add("many-to-many from the other side " + service.fetchWorkOrders(DataQuery.options().expand(WorkOrder.PARTS))
                                .get(0).getParts().get(0).getName());
                        service.deleteLinkInParts(valve, Part.WORK_ORDERS, wo);
                        log.add("many-to-many removed " + service.fetchWorkOrders(DataQuery.options().expand(WorkOrder.PARTS)).get(0).getParts());
                        try {
                            service.updateLink(wo, WorkOrder.PARTS.name(), valve);
                        } catch (DataRequestException e) {
                            log.add("updateLink on a collection " + e.status() + " " + e.getMessage());
                        }
                        log.addAll(queue(service));
                    }
                    return log;
                }

                public static List<String> bindAndCreateRelated(Path file) {
                    List<String> log = new ArrayList<>();
                    try (OfflineStore store = open(file)) {
                        FieldService service = new FieldService(store);
                        Customer acme = customer(ACME, "ACME");
                        service.createInCustomers(acme);
                        WorkOrder bound = workOrder("Bound", 2, WorkOrderStatus.NEW);
                        bound.bindEntity(WorkOrder.CUSTOMER, acme);
                        service.createInWorkOrders(bound);
                        WorkOrder read = (WorkOrder) service.loadEntity(bound.readLink(), DataQuery.options().expand(WorkOrder.CUSTOMER));
                        log.add("bound to " + read.getCustomer().getName() + " customer id " + read.getCustomerId());
                        Task check = task(3, "Check", false);
                        service.createRelatedInWorkOrders(check, bound, WorkOrder.TASKS);
                        Task readTask = service.fetchTasks(DataQuery.options().expand(Task.WORK_ORDER)).get(0);
                        log.add("related " + readTask.getDescription() + " of " + readTask.getWorkOrder().getTitle() + " " + check.readLink());
                        log.addAll(queue(service));
                    }
                    return log;
                }

                public static List<String> deepInsert(Path file) {
                    List<String> log = new ArrayList<>();
                    try (OfflineStore store = open(file)) {
                        FieldService service = new FieldService(store);
                        WorkOrder wo = workOrder("Deep", 1, WorkOrderStatus.NEW);
                        wo.setCustomer(customer(GLOBEX, "Globex"));
                        wo.setTasks(List.of(task(1, "one", false), task(2, "two", true)));
                        service.createInWorkOrders(wo);
                        WorkOrder read = (WorkOrder) service.loadEntity(wo.readLink(), DataQuery.options().expand(WorkOrder.CUSTOMER)
                                .expand(WorkOrder.TASKS, q -> q.orderBy(Task.LINE_NO.asc())));
                        List<String> tasks = new ArrayList<>();
                        read.getTasks().forEach(t -> tasks.add(t.getLineNo() + ":" + t.getDescription()));
                        log.add("read " + read.getCustomer().getName() + " " + tasks + " customer id " + read.getCustomerId());
                        Task second = wo.getTasks().get(1);
                        log.add("inline task " + second.readLink() + " " + ((Task) service.loadEntity(second.readLink())).getDescription()
                                + " customer " + wo.getCustomer().readLink());
                        log.add("customers " + service.fetchCustomers().size() + " tasks " + service.fetchTasks().size());
                        log.addAll(queue(service));
                    }
                    return log;
                }

                public static List<String> requestOptions(Path file, String serviceRoot) {
                    List<String> log = new ArrayList<>();
                    try (OfflineStore store = open(file, serviceRoot)) {
                        FieldService service = new FieldService(store);
                        store.download().join();
                        WorkOrder wo = workOrder("Tagged", 1, WorkOrderStatus.NEW);
                        service.createInWorkOrders(wo, RequestOptions.defaults().customTag("visit-17").transactionId("tx-1")
                                .uploadCategory("urgent").unmodifiable().header("X-Site", "Lyon"));
                        service.createRelatedInWorkOrders(task(1, "Drain", false), wo, WorkOrder.TASKS,
                                RequestOptions.defaults().transactionId("tx-1").uploadCategory("urgent").customTag("task"));
                        WorkOrder existing = service.fetchWorkOrdersByKey(1L);
                        existing.setPriority(4);
                        service.updateInWorkOrders(existing, RequestOptions.defaults().transactionId("tx-2").uploadCategory("later"));
                        Part temporary = new Part();
                        temporary.setPartNumber("P-TMP");
                        temporary.setName("Temporary");
                        service.createInParts(temporary, RequestOptions.defaults().removeCreatedEntityAfterUpload().uploadCategory("urgent"));
                        Task old = service.fetchTasksByKey(1L, 2);
                        service.deleteFromTasks(old, RequestOptions.defaults().customTag("cleanup").uploadCategory("later"));
                        for (EntityValue r : service.executeQuery(DataQuery.parse("RequestQueue?$orderby=RequestID")).entities()) {
                            log.add(r.getValue("Method") + " " + r.getValue("URL") + " tag " + r.getValue("CustomTag") + " tx "
                                    + r.getValue("TransactionID") + " category " + r.getValue("UploadCategory") + " unmodifiable "
                                    + r.getValue("Unmodifiable"));
                        }
                        UploadResult urgent = store.upload(UploadOptions.categories("urgent")).join();
                        log.add("urgent uploaded " + urgent.succeeded() + " failed " + urgent.failed() + " left " + queue(service));
                        log.add("parts " + service.fetchParts(DataQuery.options().orderBy(Part.PART_NUMBER.asc())).size()
                                + " after upload; temporary part removed " + service.fetchParts(DataQuery.options()
                                .filter(Part.PART_NUMBER.eq("P-TMP"))).isEmpty());
                        try {
                            service.loadEntity(temporary.readLink());
                        } catch (EntityNotFoundException e) {
                            log.add("temporary part " + e.status());
                        }
                        log.add("kept " + ((WorkOrder) service.loadEntity(wo.readLink())).readLink());
                        log.add(upload(store));
                    }
                    return log;
                }

                public static List<String> localState(Path file, String serviceRoot, Runnable serverDeletesTask) {
                    List<String> log = new ArrayList<>();
                    try (OfflineStore store = open(file, serviceRoot)) {
                        FieldService service = new FieldService(store);
                        store.download().join();
                        WorkOrder wo = service.fetchWorkOrdersByKey(1L);
                        log.add("downloaded local=" + wo.isLocal() + " pending=" + wo.hasPendingChanges() + " error=" + wo.inErrorState());
                        wo.setPriority(1);
                        service.updateInWorkOrders(wo);
                        service.createInWorkOrders(workOrder("New one", 3, WorkOrderStatus.NEW));
                        Task task = service.fetchTasksByKey(1L, 2);
                        task.setDone(true);
                        service.updateInTasks(task);
                        DataQuery byTitle = DataQuery.options().orderBy(WorkOrder.TITLE.asc());
                        log.add("isLocal " + titles(service.fetchWorkOrders(byTitle.filter(QueryFunction.isLocal()))));
                        log.add("not hasPendingChanges " + titles(service.fetchWorkOrders(DataQuery.options()
                                .filter(QueryFunction.not(QueryFunction.hasPendingChanges())))));
                        log.add("hasPendingChanges and priority 1 " + titles(service.fetchWorkOrders(DataQuery.options()
                                .filter(QueryFunction.hasPendingChanges().and(WorkOrder.PRIORITY.eq(1))))));
                        log.add("inErrorState before upload " + service.fetchTasks(DataQuery.options().filter(QueryFunction.inErrorState())).size());
                        WorkOrder read = service.fetchWorkOrdersByKey(1L);
                        log.add("read local=" + read.isLocal() + " pending=" + read.hasPendingChanges() + " new=" + read.isNew());
                        serverDeletesTask.run();
                        log.add(upload(store));
                        List<String> failed = new ArrayList<>();
                        service.fetchTasks(DataQuery.options().filter(QueryFunction.inErrorState()))
                                .forEach(t -> failed.add(t.readLink() + " error=" + t.inErrorState()));
                        log.add("inErrorState " + failed);
                        log.add("work orders in error " + service.fetchWorkOrders(DataQuery.options().filter(QueryFunction.inErrorState())).size()
                                + ", pending " + titles(service.fetchWorkOrders(byTitle.filter(QueryFunction.hasPendingChanges()))));
                    }
                    return log;
                }

                public static List<String> undo(Path file, String serviceRoot) {
                    List<String> log = new ArrayList<>();
                    try (OfflineStore store = open(file, serviceRoot)) {
                        FieldService service = new FieldService(store);
                        store.download().join();
                        DataQuery expanded = DataQuery.options().expand(WorkOrder.CUSTOMER).expand(WorkOrder.PARTS).expand(WorkOrder.TASKS);
                        WorkOrder wo = service.fetchWorkOrdersByKey(1L);
                        WorkOrder before = service.fetchWorkOrders(expanded).get(0);
                        log.add("server state " + describe(before));
                        wo.setTitle("Changed");
                        wo.setEstimatedCost(new BigDecimal("1.00"));
                        service.updateInWorkOrders(wo);
                        List<Customer> customers = service.fetchCustomers(DataQuery.options().orderBy(Customer.NAME.asc()));
                        Customer other = customers.get(0).getId().equals(before.getCustomerId()) ? customers.get(1) : customers.get(0);
                        service.updateLinkInWorkOrders(wo, WorkOrder.CUSTOMER, other);
                        service.deleteLinkInWorkOrders(wo, WorkOrder.PARTS, before.getParts().get(0));
                        Task task = service.fetchTasksByKey(1L, 1);
                        service.deleteFromTasks(task);
                        WorkOrder created = workOrder("Created", 1, WorkOrderStatus.NEW);
                        service.createInWorkOrders(created);
                        log.add("changed " + describe(service.fetchWorkOrders(expanded.filter(WorkOrder.ID.eq(1L))).get(0)));
                        service.undoPendingChanges(wo);
                        WorkOrder restored = service.fetchWorkOrders(expanded.filter(WorkOrder.ID.eq(1L))).get(0);
                        log.add("undone " + describe(restored) + " local=" + restored.isLocal() + " pending=" + restored.hasPendingChanges());
                        service.undoPendingChanges(task);
                        service.undoPendingChanges(created.readLink());
                        log.add("after undoing the task and the new one " + describe(service.fetchWorkOrders(expanded).get(0))
                                + " work orders " + titles(service.fetchWorkOrders()));
                        log.add("queue " + queue(service) + " empty=" + store.isRequestQueueEmpty());
                    }
                    return log;
                }

                static String describe(WorkOrder w) {
                    List<String> parts = new ArrayList<>();
                    w.getParts().forEach(p -> parts.add(p.getPartNumber()));
                    List<String> tasks = new ArrayList<>();
                    w.getTasks().forEach(t -> tasks.add(t.getLineNo() + ":" + t.getDescription()));
                    tasks.sort(null);
                    return w.getTitle() + " " + w.getEstimatedCost() + " customer " + w.getCustomer().getName() + " parts " + parts
                            + " tasks " + tasks;
                }

                public static List<String> requestQueue(Path file, String serviceRoot) {
                    List<String> log = new ArrayList<>();
                    try (OfflineStore store = open(file, serviceRoot)) {
                        FieldService service = new FieldService(store);
                        log.add("new store empty=" + store.isRequestQueueEmpty());
                        WorkOrder wo = workOrder("A", 1, WorkOrderStatus.NEW);
                        service.createInWorkOrders(wo);
                        wo.setPriority(2);
                        service.updateInWorkOrders(wo);
                        log.add("after two writes empty=" + store.isRequestQueueEmpty());
                        for (EntityValue r : service.executeQuery(DataQuery.parse("RequestQueue?$filter=Method eq 'PATCH'")).entities()) {
                            log.add("PATCH row " + r.getValue("RequestID") + " " + r.getValue("URL") + " " + r.getValue("Body") + " "
                                    + r.getValue("Status") + " affects " + r.getValue("AffectedEntitySet") + " " + r.getValue("AffectedEntityReadLink"));
                        }
                        EntityValue row = service.executeQuery(DataQuery.parse("RequestQueue?$top=1")).entities().get(0);
                        row.setValue("Body", "{}");
                        try {
                            service.updateEntity(row);
                        } catch (DataRequestException e) {
                            log.add("update " + e.status() + " " + e.getMessage());
                        }
                        try {
                            service.deleteEntity(row);
                        } catch (DataRequestException e) {
                            log.add("delete " + e.status());
                        }
                        log.add("count " + service.executeQuery(DataQuery.parse("RequestQueue/$count")).count());
                        log.addAll(queue(service));
                        log.add(upload(store));
                        log.add("after upload empty=" + store.isRequestQueueEmpty() + " " + queue(service));
                    }
                    return log;
                }

                public static List<String> relatives(Path file, String serviceRoot) {
                    List<String> log = new ArrayList<>();
                    try (OfflineStore store = open(file, serviceRoot)) {
                        FieldService service = new FieldService(store);
                        store.download().join();
                        Task task = service.fetchTasksByKey(1L, 2);
                        task.setDone(true);
                        service.updateInTasks(task);
                        WorkOrder computed = service.fetchWorkOrders(DataQuery.options()
                                .computeHasLocalRelatives(WorkOrder.TASKS, WorkOrder.CUSTOMER)
                                .computeHasRelativesWithPendingChanges(WorkOrder.CUSTOMER)).get(0);
                        log.add("tasks and customer: local relatives=" + computed.hasLocalRelatives()
                                + ", customer: relatives with pending changes=" + computed.hasRelativesWithPendingChanges());
                        WorkOrder pending = service.fetchWorkOrders(DataQuery.options()
                                .computeHasRelativesWithPendingChanges(WorkOrder.TASKS)).get(0);
                        log.add("tasks: relatives with pending changes=" + pending.hasRelativesWithPendingChanges());
                        WorkOrder customerOnly = service.fetchWorkOrders(DataQuery.options().computeHasLocalRelatives(WorkOrder.CUSTOMER)).get(0);
                        log.add("customer only: local relatives=" + customerOnly.hasLocalRelatives());
                        WorkOrder plain = service.fetchWorkOrdersByKey(1L);
                        log.add("not requested: " + plain.hasLocalRelatives() + " " + plain.hasRelativesWithPendingChanges()
                                + ", work order itself local=" + plain.isLocal());
                        log.add(DataQuery.from(FieldMetadata.WORK_ORDERS).computeHasLocalRelatives(WorkOrder.TASKS, WorkOrder.CUSTOMER).toUrl());
                    }
                    return log;
                }

                public static List<String> durableWrites(Path file) {
                    List<String> log = new ArrayList<>();
                    String woLink;
                    try (OfflineStore store = open(file)) {
                        FieldService service = new FieldService(store);
                        Customer acme = customer(ACME, "ACME");
                        service.createInCustomers(acme);
                        WorkOrder wo = workOrder("Durable", 2, WorkOrderStatus.NEW);
                        service.createInWorkOrders(wo);
                        service.createLinkInWorkOrders(wo, WorkOrder.CUSTOMER, acme);
                        wo.setPriority(1);
                        service.updateInWorkOrders(wo);
                        woLink = wo.readLink();
                        try (OfflineStore second = open(file)) {
                            FieldService other = new FieldService(second);
                            log.add("second connection before close " + titles(other.fetchWorkOrders()) + " " + queue(other).size());
                        } catch (RuntimeException e) {
                            log.add("second connection " + e.getMessage());
                        }
                        WorkOrder fine = workOrder("Fine", 1, WorkOrderStatus.NEW);
                        WorkOrder bad = workOrder("x".repeat(101), 1, WorkOrderStatus.NEW);
                        try {
                            service.applyChanges(new ChangeSet().createEntity(fine, FieldMetadata.WORK_ORDERS, RequestOptions.defaults())
                                    .createEntity(bad, FieldMetadata.WORK_ORDERS, RequestOptions.defaults()));
                        } catch (DataRequestException e) {
                            log.add("change set refused " + e.status() + " readLinks " + fine.readLink() + " " + bad.readLink());
                        }
                    }
                    try (OfflineStore store = open(file)) {
                        FieldService service = new FieldService(store);
                        WorkOrder read = (WorkOrder) service.loadEntity(woLink, DataQuery.options().expand(WorkOrder.CUSTOMER));
                        log.add("reopened " + read.getTitle() + " " + read.getPriority() + " customer " + read.getCustomer().getName()
                                + " local=" + read.isLocal() + " pending=" + read.hasPendingChanges());
                        log.add("work orders " + titles(service.fetchWorkOrders()) + " empty=" + store.isRequestQueueEmpty());
                        log.addAll(queue(service));
                    }
                    return log;
                }

                public static List<String> changeSetWithContentIds(Path file, String serviceRoot) {
                    List<String> log = new ArrayList<>();
                    try (OfflineStore store = open(file, serviceRoot)) {
                        FieldService service = new FieldService(store);
                        WorkOrder parent = workOrder("Parent", 2, WorkOrderStatus.NEW);
                        Task child = task(1, "Child", false);
                        service.applyChanges(new ChangeSet()
                                .createEntity(parent, FieldMetadata.WORK_ORDERS, RequestOptions.defaults())
                                .createRelatedEntity(child, parent, WorkOrder.TASKS.name()));
                        WorkOrder single = workOrder("Single", 3, WorkOrderStatus.NEW);
                        service.createInWorkOrders(single);
                        for (EntityValue r : service.executeQuery(DataQuery.parse("RequestQueue?$orderby=RequestID")).entities()) {
                            log.add(r.getValue("Method") + " " + r.getValue("URL") + " change set " + r.getValue("ChangeSet")
                                    + " content ID " + r.getValue("ContentID"));
                        }
                        log.add(upload(store));
                        Task uploaded = (Task) service.loadEntity(child.readLink());
                        log.add("child " + uploaded.readLink() + " of " + ((WorkOrder) service.loadEntity(parent.readLink())).readLink());
                    }
                    return log;
                }

                public static List<String> undoDeepInsert(Path file) {
                    List<String> log = new ArrayList<>();
                    try (OfflineStore store = open(file)) {
                        FieldService service = new FieldService(store);
                        Customer globex = customer(GLOBEX, "Globex");
                        WorkOrder order = workOrder("Order", 1, WorkOrderStatus.NEW);
                        order.setCustomer(globex);
                        service.createInWorkOrders(order);
                        service.undoPendingChanges(globex);
                        WorkOrder read = (WorkOrder) service.loadEntity(order.readLink(), DataQuery.options().expand(WorkOrder.CUSTOMER));
                        log.add("inline customer undone: customers " + service.fetchCustomers().size() + " customer " + read.getCustomer());
                        log.addAll(queue(service));
                        Customer acme = customer(ACME, "ACME");
                        WorkOrder second = workOrder("Order 2", 1, WorkOrderStatus.NEW);
                        second.setCustomer(acme);
                        service.createInWorkOrders(second);
                        service.undoPendingChanges(second);
                        List<String> names = new ArrayList<>();
                        service.fetchCustomers().forEach(c -> names.add(c.getName()));
                        log.add("parent undone: work orders " + titles(service.fetchWorkOrders()) + " customers " + names);
                        log.addAll(queue(service));
                    }
                    return log;
                }
            }
            """;

    private static ClassLoader loader;
    private static FieldServiceBackend backend;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateCompileAndStart() {
        loader = FieldApps.compile(APP);
        backend = FieldServiceBackend.start(BackendOptions.defaults());
    }

    @AfterAll
    static void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    @BeforeEach
    void seed() {
        backend.reset();
        backend.seed(Seed.workOrders(1).withCustomers(2).withTechnicians(1).withParts(2).withTasksPerWorkOrder(2)
                .withPartsPerWorkOrder(1));
    }

    /** Runs {@code FieldApp.<scenario>(store file, arguments...)}. */
    @SuppressWarnings("unchecked")
    private List<String> run(String scenario, Object... arguments) throws Exception {
        Class<?> app = Class.forName("app.FieldApp", true, loader);
        Method method = Arrays.stream(app.getMethods()).filter(m -> m.getName().equals(scenario)).findFirst()
                .orElseThrow(() -> new AssertionError("no scenario " + scenario));
        Object[] all = new Object[arguments.length + 1];
        all[0] = dir.resolve(scenario + ".db");
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        try {
            return (List<String>) method.invoke(null, all);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private static String root() {
        return backend.serviceRoot().toString();
    }

    /** What the back end received in {@code $batch}es, one "METHOD URL BODY" per request. */
    private static List<String> received() {
        List<String> out = new ArrayList<>();
        for (JournalEntry batch : backend.journal().entries(e -> e.url().contains("$batch"))) {
            for (JournalEntry.BatchPart part : batch.batchParts()) {
                out.add((part.method() + " " + part.url() + " " + part.body()).strip());
            }
        }
        return out;
    }

    private static Runnable serverDeletesTask(int lineNo) {
        return () -> assertThat(backend.database().execute("DELETE FROM Tasks WHERE WorkOrderId = 1 AND LineNo = ?", lineNo))
                .isEqualTo(1);
    }

    @Test
    void L1_keyUniquenessIsEnforcedOnlyWhenEveryKeyPartIsKnown() throws Exception {
        assertThat(run("keysAndUniqueness")).containsExactly(
                "parent key unknown [Tasks($lid=2) null/1 also line 1, Tasks($lid=1) null/1 first]",
                "full key known 409 queue unchanged true readLink null",
                "tasks 3");
    }

    @Test
    void L2_readAndEditLinksWorkBeforeUploadAfterUploadAndAfterDownload() throws Exception {
        assertThat(run("readAndEditLinksAcrossKeyAssignment", root())).containsExactly(
                "before upload WorkOrders($lid=2) WorkOrders($lid=2) Tasks($lid=3) Tasks($lid=3)",
                "local Replace pump id null WorkOrders($lid=2) new=true",
                "uploaded 2 failed 0",
                "after upload 2 WorkOrders(2) WorkOrders(2) Tasks(WorkOrderId=2,LineNo=1) new=false",
                "after download Replace pump WorkOrders(2) WorkOrders(2) by key WorkOrders(2) Drain",
                "PATCH WorkOrders($lid=2) {\"Priority\":5}",
                "uploaded 1 failed 0",
                "server priority 5");
        assertThat(received()).containsExactly(
                "POST WorkOrders {\"Title\":\"Replace pump\",\"Priority\":1,\"Status\":\"New\"}",
                "POST WorkOrders(2)/Tasks {\"LineNo\":1,\"Description\":\"Drain\",\"Done\":false}",
                "PATCH WorkOrders(2) {\"Priority\":5}");
    }

    @Test
    void L3_everyUpdateIsOnePatchWithOnlyTheChangedProperties() throws Exception {
        assertThat(run("everyUpdateIsOnePatch")).containsExactly(
                "read Fix boiler now 1 99.90 SCHEDULED",
                "POST WorkOrders {\"Title\":\"Fix boiler\",\"Priority\":2,\"Status\":\"Scheduled\"}",
                "PATCH WorkOrders($lid=1) {\"Title\":\"Fix boiler now\"}",
                "PATCH WorkOrders($lid=1) {\"Priority\":1,\"EstimatedCost\":99.90}");
    }

    @Test
    void L4_anEmptyUpdateIsDroppedUnlessSendEmptyUpdateIsSet() throws Exception {
        assertThat(run("emptyUpdates", root())).containsExactly(
                "plain empty update queued [] empty=true",
                "PATCH WorkOrders($lid=1) {}",
                "uploaded 1 failed 0");
        assertThat(received()).containsExactly("PATCH WorkOrders(1) {}");
    }

    @Test
    void L5_deletesOfDownloadedAndLocalEntitiesAndTheFailingDeleteIsArchivedNotLost() throws Exception {
        assertThat(run("deletes", root(), serverDeletesTask(1))).containsExactly(
                "tasks [1/2] work orders [Work order 1]",
                "after download tasks [1/2]",
                "deleted 404",
                "POST WorkOrders {\"Title\":\"Local\",\"Priority\":1,\"Status\":\"New\"}",
                "DELETE WorkOrders($lid=2)",
                "DELETE Tasks($lid=1)",
                "uploaded 2 failed 1",
                "archived DELETE Tasks($lid=1) 404 Tasks($lid=1)");
        assertThat(received()).containsExactly(
                "POST WorkOrders {\"Title\":\"Local\",\"Priority\":1,\"Status\":\"New\"}",
                "DELETE WorkOrders(2)",
                "DELETE Tasks(WorkOrderId=1,LineNo=1)");
    }

    @Test
    void L6_linksOfOneToManyZeroOrOneAndManyToManyWithUpdateLinkOnlyForSingleValuedEnds() throws Exception {
        assertThat(run("linksOfEveryCardinality")).containsExactly(
                "one-to-many from the one side ACME",
                "0..1 updated Globex 66666666-7777-8888-9999-000000000000",
                "partners [ACME=[], Globex=[Replace pump]]",
                "many-to-many from the other side Valve",
                "many-to-many removed []",
                "updateLink on a collection 400 updateLink replaces the target of a single-valued (0..1) navigation, but"
                        + " 'Parts' is a collection; use createLink and deleteLink",
                "POST Customers {\"Id\":\"11111111-2222-3333-4444-555555555555\",\"Name\":\"ACME\"}",
                "POST Customers {\"Id\":\"66666666-7777-8888-9999-000000000000\",\"Name\":\"Globex\"}",
                "POST WorkOrders {\"Title\":\"Replace pump\",\"Priority\":1,\"Status\":\"New\"}",
                "POST Customers($lid=1)/WorkOrders/$ref {\"@odata.id\":\"WorkOrders($lid=1)\"}",
                "PUT WorkOrders($lid=1)/Customer/$ref {\"@odata.id\":\"Customers($lid=2)\"}",
                "POST Parts {\"PartNumber\":\"P-2\",\"Name\":\"Valve\"}",
                "POST Parts($lid=1)/WorkOrders/$ref {\"@odata.id\":\"WorkOrders($lid=1)\"}",
                "DELETE Parts($lid=1)/WorkOrders/$ref?$id=WorkOrders($lid=1)");
    }

    @Test
    void L7_createWithBindAndCreateRelatedEntity() throws Exception {
        assertThat(run("bindAndCreateRelated")).containsExactly(
                "bound to ACME customer id 11111111-2222-3333-4444-555555555555",
                "related Check of Bound Tasks($lid=1)",
                "POST Customers {\"Id\":\"11111111-2222-3333-4444-555555555555\",\"Name\":\"ACME\"}",
                "POST WorkOrders {\"Title\":\"Bound\",\"Priority\":2,\"Status\":\"New\","
                        + "\"Customer@odata.bind\":\"Customers($lid=1)\"}",
                "POST WorkOrders($lid=1)/Tasks {\"LineNo\":3,\"Description\":\"Check\",\"Done\":false}");
    }

    @Test
    void L8_deepInsertOfSingleAndCollectionValuedNavigationsIsOnePost() throws Exception {
        assertThat(run("deepInsert")).containsExactly(
                "read Globex [1:one, 2:two] customer id 66666666-7777-8888-9999-000000000000",
                "inline task Tasks($lid=2) two customer Customers($lid=1)",
                "customers 1 tasks 2",
                "POST WorkOrders {\"Title\":\"Deep\",\"Priority\":1,\"Status\":\"New\",\"Customer\":{\"Id\":"
                        + "\"66666666-7777-8888-9999-000000000000\",\"Name\":\"Globex\"},\"Tasks\":[{\"LineNo\":1,"
                        + "\"Description\":\"one\",\"Done\":false},{\"LineNo\":2,\"Description\":\"two\",\"Done\":true}]}");
    }

    @Test
    void L9_aChangeSetIsQueuedWithContentIdsAndUploadsAsOneChangeSetParentThenChild() throws Exception {
        assertThat(run("changeSetWithContentIds", root())).containsExactly(
                "POST WorkOrders change set 1 content ID 1",
                "POST WorkOrders($lid=1)/Tasks change set 1 content ID 2",
                "POST WorkOrders change set null content ID null",
                "uploaded 3 failed 0",
                "child Tasks(WorkOrderId=2,LineNo=1) of WorkOrders(2)");
        List<String> parts = new ArrayList<>();
        for (JournalEntry batch : backend.journal().entries(e -> e.url().contains("$batch"))) {
            batch.batchParts().forEach(p -> parts.add(p.changeSet() + " " + p.contentId() + " " + p.method() + " " + p.url()));
        }
        assertThat(parts).containsExactly("0 1 POST WorkOrders", "0 2 POST $1/Tasks", "-1 null POST WorkOrders");
    }

    @Test
    void L10_requestOptionsTravelWithTheirRequestsOnCreateCreateRelatedUpdateAndDelete() throws Exception {
        assertThat(run("requestOptions", root())).containsExactly(
                "POST WorkOrders tag visit-17 tx tx-1 category urgent unmodifiable true",
                "POST WorkOrders($lid=2)/Tasks tag task tx tx-1 category urgent unmodifiable false",
                "PATCH WorkOrders($lid=1) tag null tx tx-2 category later unmodifiable false",
                "POST Parts tag null tx null category urgent unmodifiable false",
                "DELETE Tasks($lid=2) tag cleanup tx null category later unmodifiable false",
                "urgent uploaded 3 failed 0 left [PATCH WorkOrders($lid=1) {\"Priority\":4}, DELETE Tasks($lid=2)]",
                "parts 2 after upload; temporary part removed true",
                "temporary part 404",
                "kept WorkOrders(2)",
                "uploaded 2 failed 0");
        assertThat(received()).containsExactly(
                "POST WorkOrders {\"Title\":\"Tagged\",\"Priority\":1,\"Status\":\"New\"}",
                "POST WorkOrders(2)/Tasks {\"LineNo\":1,\"Description\":\"Drain\",\"Done\":false}",
                "POST Parts {\"PartNumber\":\"P-TMP\",\"Name\":\"Temporary\"}",
                "PATCH WorkOrders(1) {\"Priority\":4}",
                "DELETE Tasks(WorkOrderId=1,LineNo=2)");
        List<List<String>> site = new ArrayList<>();
        for (JournalEntry batch : backend.journal().entries(e -> e.url().contains("$batch"))) {
            batch.batchParts().forEach(p -> site.add(p.headers().getOrDefault("x-site", List.of())));
        }
        assertThat(site).containsExactly(List.of("Lyon"), List.of(), List.of(), List.of(), List.of());
    }

    @Test
    void L11_isLocalHasPendingChangesAndInErrorStateAsTypedFiltersAndAsProperties() throws Exception {
        assertThat(run("localState", root(), serverDeletesTask(2))).containsExactly(
                "downloaded local=false pending=false error=false",
                "isLocal [New one, Work order 1]",
                "not hasPendingChanges []",
                "hasPendingChanges and priority 1 [Work order 1]",
                "inErrorState before upload 0",
                "read local=true pending=true new=false",
                "uploaded 2 failed 1",
                "inErrorState [Tasks(WorkOrderId=1,LineNo=2) error=true]",
                "work orders in error 0, pending []");
    }

    @Test
    void L12_undoRestoresPropertiesRelationshipsAndDeletionsOfDownloadedEntitiesAndDropsNewOnes() throws Exception {
        assertThat(run("undo", root())).containsExactly(
                "server state Work order 1 100.37 customer Customer 1 parts [P-00001] tasks [1:Step 1, 2:Step 2]",
                "changed Changed 1.00 customer Customer 2 parts [] tasks [2:Step 2]",
                "undone Work order 1 100.37 customer Customer 1 parts [P-00001] tasks [2:Step 2] local=false pending=false",
                "after undoing the task and the new one Work order 1 100.37 customer Customer 1 parts [P-00001]"
                        + " tasks [1:Step 1, 2:Step 2] work orders [Work order 1]",
                "queue [] empty=true");
        assertThat(received()).isEmpty();
    }

    @Test
    void L12_undoAdjustsDeepInsertsFromEitherSide() throws Exception {
        assertThat(run("undoDeepInsert")).containsExactly(
                "inline customer undone: customers 0 customer null",
                "POST WorkOrders {\"Title\":\"Order\",\"Priority\":1,\"Status\":\"New\"}",
                "parent undone: work orders [Order] customers [ACME]",
                "POST WorkOrders {\"Title\":\"Order\",\"Priority\":1,\"Status\":\"New\"}",
                "POST Customers {\"Id\":\"11111111-2222-3333-4444-555555555555\",\"Name\":\"ACME\"}");
    }

    @Test
    void L13_theRequestQueueIsAReadOnlyEntitySetAndIsRequestQueueEmptyFollowsIt() throws Exception {
        assertThat(run("requestQueue", root())).containsExactly(
                "new store empty=true",
                "after two writes empty=false",
                "PATCH row 2 WorkOrders($lid=1) {\"Priority\":2} pending affects WorkOrders WorkOrders($lid=1)",
                "update 405 'RequestQueue' is a read-only system entity set; it cannot update",
                "delete 405",
                "count 2",
                "POST WorkOrders {\"Title\":\"A\",\"Priority\":1,\"Status\":\"New\"}",
                "PATCH WorkOrders($lid=1) {\"Priority\":2}",
                "uploaded 2 failed 0",
                "after upload empty=true []");
    }

    @Test
    void L14_computeHasLocalRelativesAndHasRelativesWithPendingChangesOverTypedNavigationPaths() throws Exception {
        assertThat(run("relatives", root())).containsExactly(
                "tasks and customer: local relatives=true, customer: relatives with pending changes=false",
                "tasks: relatives with pending changes=true",
                "customer only: local relatives=false",
                "not requested: false false, work order itself local=false",
                "WorkOrders?sap.computeHasLocalRelatives=Tasks,Customer");
    }

    @Test
    void L15_eachWriteIsCommittedWithItsQueuedRequestBeforeTheCallReturnsAndSurvivesAReopen() throws Exception {
        assertThat(run("durableWrites")).containsExactly(
                "second connection before close [Durable] 4",
                "change set refused 400 readLinks null null",
                "reopened Durable 1 customer ACME local=true pending=true",
                "work orders [Durable] empty=false",
                "POST Customers {\"Id\":\"11111111-2222-3333-4444-555555555555\",\"Name\":\"ACME\"}",
                "POST WorkOrders {\"Title\":\"Durable\",\"Priority\":2,\"Status\":\"New\"}",
                "PUT WorkOrders($lid=1)/Customer/$ref {\"@odata.id\":\"Customers($lid=1)\"}",
                "PATCH WorkOrders($lid=1) {\"Priority\":1}");
    }
}
