package dev.outpost;

import dev.outpost.examples.backend.BackendOptions;
import dev.outpost.examples.backend.FieldServiceBackend;
import dev.outpost.examples.backend.Seed;
import dev.outpost.query.DataQuery;
import dev.outpost.testing.FieldService;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S7: a connection dropped after the back end committed a batch never leads to a duplicate,
 * whether or not the back end honours repeatability headers, and whether keys are the server's or
 * the client's.
 */
class ExactlyOnceTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "repeatability on the back end: {0}, a successful upload before: {1}")
    @CsvSource({"true, false", "true, true", "false, false", "false, true"})
    void aDroppedConnectionAfterCommitNeverDuplicates(boolean repeatability, boolean warmedUp) throws Exception {
        try (FieldServiceBackend backend = FieldServiceBackend.start(BackendOptions.defaults()
                .withRepeatability(repeatability).withDuplicateKeyStatus(500))) {
            backend.seed(Seed.workOrders(2));
            try (OfflineStore store = OfflineStore.open(StoreOptions.of(dir.resolve("s.db"), FieldService.model())
                    .sync(SyncOptions.of(backend.serviceRoot()).definingQuery("orders", "WorkOrders")
                            .definingQuery("customers", "Customers")))) {
                store.download().get(60, TimeUnit.SECONDS);
                DataService service = new DataService(store);
                if (warmedUp) {
                    service.createEntity(FieldService.workOrder("warm-up"));
                    store.upload().get(60, TimeUnit.SECONDS);
                }
                long ordersBefore = backend.database().count("WorkOrders");
                long customersBefore = backend.database().count("Customers");
                EntityValue first = FieldService.workOrder("first offline").setValue("Priority", 1);
                service.createEntity(first);
                service.createEntity(FieldService.workOrder("second offline").setValue("Priority", 2));
                service.createEntity(FieldService.customer(UUID.randomUUID(), "New customer"));
                EntityValue existing = service.loadEntity("WorkOrders(1)");
                existing.setValue("Title", "patched once");
                service.updateEntity(existing);

                backend.faults().dropConnectionAfterCommit("POST", "$batch");
                UploadResult result = store.upload().get(60, TimeUnit.SECONDS);

                assertThat(backend.journal().entries(e -> e.connectionDropped())).hasSize(1); // the fault did happen
                assertThat(result.failed()).isZero();
                assertThat(store.isRequestQueueEmpty()).isTrue();
                assertThat(backend.database().count("WorkOrders")).isEqualTo(ordersBefore + 2);
                assertThat(backend.database().count("WorkOrders", "Title = ?", "first offline")).isEqualTo(1);
                assertThat(backend.database().count("Customers")).isEqualTo(customersBefore + 1);
                assertThat(backend.database().query("SELECT Title FROM WorkOrders WHERE Id = 1").get(0))
                        .containsEntry("Title", "patched once");
                assertThat(service.loadEntity(first.readLink()).getValue("Id")).isNotNull();

                store.download().get(60, TimeUnit.SECONDS);
                assertThat(service.executeQuery(DataQuery.parse("WorkOrders")).entities())
                        .hasSize((int) backend.database().count("WorkOrders"));
                assertThat(service.executeQuery(DataQuery.parse("WorkOrders?$filter=Title eq 'first offline'")).entities())
                        .hasSize(1);
            }
        }
    }
}
