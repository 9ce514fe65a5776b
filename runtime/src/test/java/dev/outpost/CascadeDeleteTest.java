package dev.outpost;

import dev.outpost.examples.backend.BackendOptions;
import dev.outpost.examples.backend.FieldServiceBackend;
import dev.outpost.examples.backend.Seed;
import dev.outpost.query.DataQuery;
import dev.outpost.testing.FieldService;
import dev.outpost.testing.StoreFingerprint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * L5 for dependents: a Task cannot exist without its WorkOrder ({@code Task.WorkOrder} is
 * {@code Nullable="false"}), so deleting the work order deletes its tasks locally as the back end
 * does, queues one DELETE, is undone exactly, and leaves the device agreeing with the back end
 * after upload and download.
 */
class CascadeDeleteTest {

    static FieldServiceBackend backend;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        backend = FieldServiceBackend.start(BackendOptions.defaults());
    }

    @BeforeEach
    void seed() {
        backend.reset();
        backend.seed(Seed.workOrders(3).withTasksPerWorkOrder(2));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private OfflineStore open() {
        return OfflineStore.open(StoreOptions.of(dir.resolve("device.db"), FieldService.model())
                .sync(SyncOptions.of(backend.serviceRoot()).definingQuery("orders", "WorkOrders?$expand=Tasks")));
    }

    private static List<EntityValue> query(DataService service, String url) {
        return service.executeQuery(DataQuery.parse(url)).entities();
    }

    /** Entity tables, server images and link tables: the data, not the queue's bookkeeping. */
    private Map<String, List<String>> data() {
        Map<String, List<String>> tables = new TreeMap<>(StoreFingerprint.tables(dir.resolve("device.db")));
        tables.keySet().removeIf(t -> t.startsWith("sqlite_") || t.startsWith("$") && !t.startsWith("$server.")
                && !t.startsWith("$links."));
        return tables;
    }

    @Test
    void deletingAWorkOrderDeletesItsTasksLocallyQueuesOneDeleteAndUndoesExactly() throws Exception {
        try (OfflineStore store = open()) {
            store.download().get(60, TimeUnit.SECONDS);
            DataService service = new DataService(store);
            assertThat(query(service, "Tasks?$filter=WorkOrderId eq 2")).hasSize(2);
            Map<String, List<String>> before = data();

            service.deleteEntity(service.loadEntity("WorkOrders(2)"));

            assertThat(query(service, "Tasks?$filter=WorkOrderId eq 2")).isEmpty();
            assertThat(query(service, "Tasks")).hasSize(4);
            assertThat(query(service, "RequestQueue")).extracting(r -> r.getValue("Method") + " " + r.getValue("URL"))
                    .containsExactly("DELETE WorkOrders($lid=2)");

            service.undoPendingChanges("WorkOrders(2)");
            assertThat(query(service, "Tasks?$filter=WorkOrderId eq 2")).hasSize(2);
            assertThat(data()).isEqualTo(before);
        }
    }

    @Test
    void afterUploadAndDownloadTheDeviceHoldsWhatTheBackEndHolds() throws Exception {
        try (OfflineStore store = open()) {
            store.download().get(60, TimeUnit.SECONDS);
            DataService service = new DataService(store);
            long serverTasks = backend.database().count("Tasks");

            service.deleteEntity(service.loadEntity("WorkOrders(3)"));
            UploadResult up = store.upload().get(60, TimeUnit.SECONDS);
            assertThat(up.failed()).isZero();
            assertThat(backend.database().count("Tasks")).isEqualTo(serverTasks - 2);
            store.download().get(60, TimeUnit.SECONDS);

            assertThat((long) query(service, "Tasks").size()).isEqualTo(backend.database().count("Tasks"));
            assertThat((long) query(service, "WorkOrders").size()).isEqualTo(backend.database().count("WorkOrders"));
            assertThat(store.isRequestQueueEmpty()).isTrue();
        }
    }

    @Test
    void aDeltaThatRemovesAWorkOrderTakesItsTasksAlong() throws Exception {
        try (OfflineStore store = open();
             OfflineStore other = OfflineStore.open(StoreOptions.of(dir.resolve("other.db"), FieldService.model())
                     .sync(SyncOptions.of(backend.serviceRoot()).definingQuery("orders", "WorkOrders")))) {
            store.download().get(60, TimeUnit.SECONDS);
            other.download().get(60, TimeUnit.SECONDS);
            DataService otherService = new DataService(other);
            otherService.deleteEntity(otherService.loadEntity("WorkOrders(1)"));
            assertThat(other.upload().get(60, TimeUnit.SECONDS).failed()).isZero();

            DownloadResult delta = store.download().get(60, TimeUnit.SECONDS);

            DataService service = new DataService(store);
            assertThat(delta.removed()).isPositive();
            assertThat(query(service, "WorkOrders")).extracting(e -> e.getValue("Id")).containsExactlyInAnyOrder(2L, 3L);
            assertThat(query(service, "Tasks")).extracting(e -> e.getValue("WorkOrderId")).containsOnly(2L, 3L).hasSize(4);
            assertThat((long) query(service, "Tasks").size()).isEqualTo(backend.database().count("Tasks"));
        }
    }

    @Test
    void undoingANewWorkOrderTakesTheTasksCreatedUnderItAlongAndLeavesNothingToFail() throws Exception {
        try (OfflineStore store = open()) {
            store.download().get(60, TimeUnit.SECONDS);
            DataService service = new DataService(store);
            Map<String, List<String>> before = data();
            EntityValue order = FieldService.workOrder("Mistake");
            service.createEntity(order);
            service.createRelatedEntity(FieldService.task(1, "first"), order, "Tasks");
            EntityValue deep = FieldService.workOrder("Deep mistake");
            deep.setRelatedList("Tasks", List.of(FieldService.task(1, "deep child")));
            service.createEntity(deep);
            EntityValue kept = FieldService.workOrder("Kept");
            service.createEntity(kept);
            assertThat(query(service, "RequestQueue")).hasSize(4);

            service.undoPendingChanges(order);
            service.undoPendingChanges(deep);

            assertThat(query(service, "RequestQueue")).extracting(r -> r.getValue("Method") + " " + r.getValue("URL"))
                    .containsExactly("POST WorkOrders");
            assertThat(query(service, "Tasks?$filter=Description eq 'first' or Description eq 'deep child'")).isEmpty();
            service.undoPendingChanges(kept);
            assertThat(data()).isEqualTo(before);
            assertThat(store.upload().get(60, TimeUnit.SECONDS).failed()).isZero();
        }
    }
}
