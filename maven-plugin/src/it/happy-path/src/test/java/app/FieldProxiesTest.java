package app;

import com.example.field.Customer;
import com.example.field.FieldMetadata;
import com.example.field.FieldService;
import com.example.field.Task;
import com.example.field.WorkOrder;
import com.example.field.WorkOrderStatus;
import dev.outpost.OfflineStore;
import dev.outpost.StoreOptions;
import dev.outpost.query.DataQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Application code against the generated proxies, on a real offline store. */
class FieldProxiesTest {

    @TempDir
    Path dir;

    private static OfflineStore open(Path file) {
        return OfflineStore.open(StoreOptions.of(file, FieldMetadata.loadModel()));
    }

    @Test
    void createsLinksAndQueriesThroughTheProxies() {
        try (OfflineStore store = open(dir.resolve("field.db"))) {
            assertEquals(1, store.schemaVersion(), "numbered as the packaged schema history");
            FieldService service = new FieldService(store);
            Customer acme = new Customer();
            acme.setId(UUID.fromString("11111111-2222-3333-4444-555555555555"));
            acme.setName("ACME");
            service.createInCustomers(acme);
            WorkOrder order = new WorkOrder();
            order.setTitle("Replace pump");
            order.setPriority(1);
            order.setStatus(WorkOrderStatus.NEW);
            Task drain = new Task();
            drain.setLineNo(1);
            drain.setDescription("Drain");
            order.setTasks(List.of(drain));
            service.createInWorkOrders(order);
            service.createLinkInWorkOrders(order, WorkOrder.CUSTOMER, acme);

            List<WorkOrder> urgent = service.fetchWorkOrders(DataQuery.options()
                    .filter(WorkOrder.PRIORITY.eq(1).and(WorkOrder.STATUS.ne(WorkOrderStatus.DONE)))
                    .expand(WorkOrder.TASKS).expand(WorkOrder.CUSTOMER));
            assertEquals(1, urgent.size());
            assertEquals("Drain", urgent.get(0).getTasks().get(0).getDescription());
            assertEquals("ACME", urgent.get(0).getCustomer().getName());
            assertNull(urgent.get(0).getId(), "the server computes the key");
        }
    }

    @Test
    void undoTakesBackAnUnsentCreate() {
        try (OfflineStore store = open(dir.resolve("undo.db"))) {
            FieldService service = new FieldService(store);
            WorkOrder order = new WorkOrder();
            order.setTitle("Mistake");
            order.setPriority(3);
            order.setStatus(WorkOrderStatus.NEW);
            service.createInWorkOrders(order);
            service.undoPendingChanges(order);
            assertEquals(0, service.fetchWorkOrders().size());
            assertEquals(true, store.isRequestQueueEmpty());
        }
    }
}
