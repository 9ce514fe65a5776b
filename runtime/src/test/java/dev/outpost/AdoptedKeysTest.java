package dev.outpost;

import dev.outpost.examples.backend.BackendOptions;
import dev.outpost.examples.backend.FieldServiceBackend;
import dev.outpost.examples.backend.Seed;
import dev.outpost.query.DataQuery;
import dev.outpost.testing.FieldService;
import dev.outpost.testing.LocalStateCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Invariant 3 between the waves of an upload (found by the sync crash suite, {@code SyncCrashTest}):
 * a work order created locally gets its server key in the first wave, while the task created
 * under it waits for the second. If the upload stops there, the task's local row must carry the
 * key as replaying its request gives it, not the null it had while the work order was local.
 */
class AdoptedKeysTest {

    @TempDir
    Path dir;

    @Test
    void aChildWaitingForTheNextWaveTakesItsParentsNewKey() throws Exception {
        try (FieldServiceBackend backend = FieldServiceBackend.start(BackendOptions.defaults())) {
            backend.seed(Seed.workOrders(1).withCustomers(1));
            try (OfflineStore store = OfflineStore.open(StoreOptions.of(dir.resolve("s.db"), FieldService.model())
                    .sync(SyncOptions.of(backend.serviceRoot()).definingQuery("orders", "WorkOrders")
                            .definingQuery("tasks", "Tasks").definingQuery("customers", "Customers")))) {
                store.download().get(60, TimeUnit.SECONDS);
                DataService service = new DataService(store);
                EntityValue wo = FieldService.workOrder("new");
                service.createEntity(wo);
                service.createRelatedEntity(FieldService.task(1, "under the new work order"), wo, "Tasks");

                backend.faults().failNth("POST", "$batch", 2);
                Throwable t = catchThrowable(() -> store.upload().get(60, TimeUnit.SECONDS));
                assertThat(t).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(SyncException.class);

                Object key = service.loadEntity(wo.readLink()).getValue("Id");
                assertThat(key).isNotNull();
                assertThat(service.executeQuery(DataQuery.parse("Tasks?$filter=WorkOrderId eq " + key)).entities())
                        .extracting(e -> e.getValue("Description")).containsExactly("under the new work order");
                LocalStateCheck.assertReplayable(store, "Customers(" + new java.util.UUID(0x5eedL, 1) + ")");
            }
        }
    }
}
