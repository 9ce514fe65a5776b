package dev.outpost.examples.app;

import dev.outpost.ChangeSet;
import dev.outpost.DownloadResult;
import dev.outpost.EntityValue;
import dev.outpost.FailedRequest;
import dev.outpost.OfflineStore;
import dev.outpost.RequestOptions;
import dev.outpost.Resolution;
import dev.outpost.StoreOptions;
import dev.outpost.SyncListener;
import dev.outpost.SyncOptions;
import dev.outpost.SyncProgress;
import dev.outpost.UploadResult;
import dev.outpost.examples.app.field.Customer;
import dev.outpost.examples.app.field.FieldMetadata;
import dev.outpost.examples.app.field.FieldService;
import dev.outpost.examples.app.field.Task;
import dev.outpost.examples.app.field.WorkOrder;
import dev.outpost.examples.app.field.WorkOrderStatus;
import dev.outpost.query.DataQuery;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * The code of {@code docs/getting-started.md}. Each region between {@code tag::name[]} and
 * {@code end::name[]} is one code block of the guide ({@link GettingStartedDocTest} keeps them
 * equal), and {@link GettingStartedSamplesTest} runs them against the example back end.
 */
final class GettingStartedSamples {

    private GettingStartedSamples() {
    }

    // tag::open[]
    static OfflineStore openStore(Path file, String serviceRoot, SyncListener listener) {
        SyncOptions sync = SyncOptions.of(serviceRoot)
                .definingQuery("orders", "WorkOrders?$filter=TechnicianId eq 2&$expand=Tasks")
                .definingQuery("customers", "Customers")
                .listener(listener);
        return OfflineStore.open(StoreOptions.of(file, FieldMetadata.loadModel()).sync(sync));
    }
    // end::open[]

    // tag::listener[]
    static SyncListener printingListener() {
        return new SyncListener() {
            @Override
            public void progress(SyncProgress p) {
                System.out.printf("%s: %d entities received, %d requests sent%n",
                        p.phase(), p.entities(), p.requestsSent());
            }

            @Override
            public void requestFailed(FailedRequest failure) {
                System.out.printf("rejected: %s %s answered %d (%s)%n",
                        failure.method(), failure.url(), failure.status(), failure.message());
            }
        };
    }
    // end::listener[]

    // tag::download[]
    static void download(OfflineStore store) {
        DownloadResult result = store.download().join();
        System.out.printf("%d entities in %d pages, %s%n", result.entities(), result.pages(), result.duration());
    }
    // end::download[]

    // tag::query[]
    static List<WorkOrder> openOrders(FieldService service) {
        return service.fetchWorkOrders(DataQuery.options()
                .filter(WorkOrder.STATUS.ne(WorkOrderStatus.DONE).and(WorkOrder.PRIORITY.le(3)))
                .orderBy(WorkOrder.PRIORITY.asc(), WorkOrder.ID.asc())
                .expand(WorkOrder.TASKS)
                .top(20));
    }
    // end::query[]

    // tag::create[]
    static WorkOrder createOrder(FieldService service) {
        Customer customer = new Customer();
        customer.setId(UUID.randomUUID());           // a client key: the app chooses it
        customer.setName("Harbour Cafe");
        service.createInCustomers(customer);         // readLink Customers(<that GUID>)

        WorkOrder order = new WorkOrder();           // a server key: Id stays null until upload
        order.setTitle("Replace pump");
        order.setPriority(1);
        order.setStatus(WorkOrderStatus.NEW);
        service.createInWorkOrders(order);           // readLink WorkOrders($lid=<local ID>)
        service.createLinkInWorkOrders(order, WorkOrder.CUSTOMER, customer);
        return order;
    }
    // end::create[]

    // tag::update-delete[]
    static void startWork(FieldService service, long workOrderId) {
        WorkOrder order = service.fetchWorkOrdersByKey(workOrderId);
        order.setStatus(WorkOrderStatus.IN_PROGRESS);
        service.updateInWorkOrders(order);           // queued as a PATCH of Status only

        Task obsolete = service.fetchTasksByKey(workOrderId, 2);
        service.deleteFromTasks(obsolete);
    }
    // end::update-delete[]

    // tag::change-set[]
    static WorkOrder orderWithTasks(FieldService service) {
        WorkOrder order = new WorkOrder();
        order.setTitle("Yearly inspection");
        order.setPriority(3);
        order.setStatus(WorkOrderStatus.SCHEDULED);
        Task valves = new Task();
        valves.setLineNo(1);
        valves.setDescription("Check the valves");
        service.applyChanges(new ChangeSet()         // uploaded as one OData change set: all or nothing
                .createEntity(order, FieldMetadata.WORK_ORDERS, RequestOptions.defaults())
                .createRelatedEntity(valves, order, WorkOrder.TASKS.name()));
        return order;
    }
    // end::change-set[]

    // tag::undo[]
    static void typoThenUndo(FieldService service, WorkOrder order) {
        order.setTitle("Typed into the wrong work order");
        service.updateInWorkOrders(order);
        service.undoPendingChanges(order);           // the PATCH leaves the queue; the downloaded state is back
    }
    // end::undo[]

    // tag::queue[]
    static void printRequestQueue(FieldService service) {
        DataQuery queue = DataQuery.parse("RequestQueue?$orderby=RequestID");
        for (EntityValue request : service.executeQuery(queue).entities()) {
            System.out.println(request.getValue("Method") + " " + request.getValue("URL"));
        }
    }
    // end::queue[]

    // tag::upload[]
    static WorkOrder uploadAndFollow(OfflineStore store, FieldService service, String offlineReadLink) {
        UploadResult result = store.upload().join();
        System.out.printf("%d applied, %d rejected%n", result.succeeded(), result.failed());
        return (WorkOrder) service.loadEntity(offlineReadLink);  // WorkOrders($lid=...) still finds it, now with its Id
    }
    // end::upload[]

    // tag::conflict[]
    static void keepMine(OfflineStore store, FieldService service) {
        for (EntityValue error : service.executeQuery(DataQuery.parse("ErrorArchive")).entities()) {
            if (Boolean.TRUE.equals(error.getValue("Conflict"))) {
                System.out.println("mine:   " + error.getValue("RequestBody"));
                System.out.println("server: " + error.getValue("ServerState"));
                store.resolve((Long) error.getValue("ErrorID"), Resolution.KEEP_LOCAL);
            }
        }
        store.upload().join();                       // sent again, over the server's current version
    }
    // end::conflict[]
}
