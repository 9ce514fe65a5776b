package dev.outpost;

import dev.outpost.examples.backend.BackendOptions;
import dev.outpost.examples.backend.FieldServiceBackend;
import dev.outpost.examples.backend.Seed;
import dev.outpost.testing.FieldService;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S7 with several updates of one entity in the batch whose answer was lost (found by the sync
 * crash suite, {@code SyncCrashTest}): the back end applied them all, so it shows the last one's
 * values; the earlier ones must not look "not applied" and go out again over the later one.
 */
class InDoubtUpdatesTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "repeatability on the back end: {0}")
    @ValueSource(booleans = {false, true})
    void earlierUpdatesOfAnEntityAreNotResentOverALaterOne(boolean repeatability) throws Exception {
        try (FieldServiceBackend backend = FieldServiceBackend.start(BackendOptions.defaults()
                .withRepeatability(repeatability))) {
            backend.seed(Seed.workOrders(2));
            try (OfflineStore store = downloaded(backend)) {
                DataService service = new DataService(store);
                service.updateEntity(service.loadEntity("WorkOrders(1)").setValue("Priority", 1).setValue("Description", "first"));
                service.updateEntity(service.loadEntity("WorkOrders(1)").setValue("Priority", 5).setValue("Description", "second"));

                backend.faults().dropConnectionAfterCommit("POST", "$batch");
                UploadResult result = store.upload().get(60, TimeUnit.SECONDS);

                assertThat(backend.journal().entries(e -> e.connectionDropped())).hasSize(1);
                assertThat(result.failed()).isZero();
                assertThat(store.isRequestQueueEmpty()).isTrue();
                assertThat(backend.database().query("SELECT Priority, Description FROM WorkOrders WHERE Id = 1").get(0))
                        .containsEntry("Description", "second").containsEntry("Priority", 5);
                store.download().get(60, TimeUnit.SECONDS);
                assertThat(service.loadEntity("WorkOrders(1)").getValue("Description")).isEqualTo("second");
            }
        }
    }

    @org.junit.jupiter.api.Test
    void aCheckThatFailsLeavesTheRequestInDoubtInsteadOfSendingItAgain() throws Exception {
        // found by SyncFaultTest (seed 4242): the GET that checks a lost answer got a 5xx, which counted as
        // "not applied", so a delete went out again into a 404, and a create is created twice
        try (FieldServiceBackend backend = FieldServiceBackend.start(BackendOptions.defaults().withRepeatability(false))) {
            backend.seed(Seed.workOrders(1));
            try (OfflineStore store = downloaded(backend)) {
                DataService service = new DataService(store);
                service.createEntity(FieldService.workOrder("created once").setValue("Priority", 4));
                service.deleteEntity(service.loadEntity("WorkOrders(1)"));

                backend.faults().dropConnectionAfterCommit("POST", "$batch");
                backend.faults().failNth("GET", "WorkOrders*", 1);
                Throwable t = org.assertj.core.api.Assertions.catchThrowable(
                        () -> store.upload().get(60, TimeUnit.SECONDS));
                assertThat(t).hasCauseInstanceOf(SyncException.class);
                assertThat(store.isRequestQueueEmpty()).isFalse();

                backend.faults().clear();
                UploadResult again = store.upload().get(60, TimeUnit.SECONDS);
                assertThat(again.failed()).isZero();
                assertThat(store.isRequestQueueEmpty()).isTrue();
                assertThat(backend.database().count("WorkOrders", "Title = ?", "created once")).isEqualTo(1);
                assertThat(backend.database().count("WorkOrders", "Id = 1")).isZero();
            }
        }
    }

    @ParameterizedTest(name = "repeatability on the back end: {0}")
    @ValueSource(booleans = {false, true})
    void anUpdateBeforeADeleteOfTheEntityIsNotResentIntoA404(boolean repeatability) throws Exception {
        try (FieldServiceBackend backend = FieldServiceBackend.start(BackendOptions.defaults()
                .withRepeatability(repeatability))) {
            backend.seed(Seed.workOrders(2));
            try (OfflineStore store = downloaded(backend)) {
                DataService service = new DataService(store);
                service.updateEntity(service.loadEntity("WorkOrders(2)").setValue("Description", "before the delete"));
                service.deleteEntity(service.loadEntity("WorkOrders(2)"));

                backend.faults().dropConnectionAfterCommit("POST", "$batch");
                UploadResult result = store.upload().get(60, TimeUnit.SECONDS);

                assertThat(backend.journal().entries(e -> e.connectionDropped())).hasSize(1);
                assertThat(result.failed()).isZero();
                assertThat(store.isRequestQueueEmpty()).isTrue();
                assertThat(backend.database().count("WorkOrders", "Id = 2")).isZero();
            }
        }
    }

    /** A store that downloaded the back end's work orders. */
    private OfflineStore downloaded(FieldServiceBackend backend) throws Exception {
        OfflineStore store = OfflineStore.open(StoreOptions.of(dir.resolve("s.db"), FieldService.model())
                .sync(SyncOptions.of(backend.serviceRoot()).definingQuery("orders", "WorkOrders")));
        try {
            store.download().get(60, TimeUnit.SECONDS);
            return store;
        } catch (Exception | Error e) {
            store.close();
            throw e;
        }
    }
}
