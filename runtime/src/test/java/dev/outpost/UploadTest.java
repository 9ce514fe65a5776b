package dev.outpost;

import dev.outpost.examples.backend.BackendOptions;
import dev.outpost.examples.backend.FieldServiceBackend;
import dev.outpost.examples.backend.JournalEntry;
import dev.outpost.examples.backend.Seed;
import dev.outpost.query.DataQuery;
import dev.outpost.testing.FieldService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** S5–S8, S12: uploads to the example back end from a real store file. */
class UploadTest {

    static FieldServiceBackend backend;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        backend = FieldServiceBackend.start(BackendOptions.defaults());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @BeforeEach
    void reset() {
        backend.reset();
        backend.seed(Seed.workOrders(3));
    }

    OfflineStore open(String name, SyncOptions sync) {
        return OfflineStore.open(StoreOptions.of(dir.resolve(name), FieldService.model()).sync(sync));
    }

    SyncOptions options() {
        return SyncOptions.of(backend.serviceRoot()).definingQuery("orders", "WorkOrders?$expand=Tasks,Parts")
                .definingQuery("customers", "Customers").definingQuery("parts", "Parts");
    }

    static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }

    static List<JournalEntry.BatchPart> lastBatch() {
        List<JournalEntry> batches = backend.journal().entries(e -> e.url().contains("$batch"));
        return batches.get(batches.size() - 1).batchParts();
    }

    @Test
    void S5_createsUpdatesAndLinksGoAsOneBatchAndReadLinksKeepWorking() throws Exception {
        try (OfflineStore store = open("a.db", options())) {
            await(store.download());
            DataService service = new DataService(store);
            EntityValue order = FieldService.workOrder("Replace pump").setValue("Priority", 2)
                    .setValue("EstimatedCost", new BigDecimal("120.50"));
            service.createEntity(order);
            String offlineLink = order.readLink();
            assertThat(offlineLink).startsWith("WorkOrders($lid=");
            EntityValue task = FieldService.task(1, "Drain the tank");
            service.createRelatedEntity(task, order, "Tasks");
            EntityValue part = FieldService.part("P-NEW", "Seal kit");
            service.createEntity(part);
            service.createLink(order, "Parts", part);
            order.setValue("Title", "Replace pump and seal");
            service.updateEntity(order);
            EntityValue existing = service.loadEntity("WorkOrders(1)");
            existing.setValue("Priority", 5);
            service.updateEntity(existing);

            UploadResult result = await(store.upload());
            assertThat(result.succeeded()).isEqualTo(6);
            assertThat(result.failed()).isZero();
            assertThat(store.isRequestQueueEmpty()).isTrue();
            assertThat(backend.database().count("WorkOrders")).isEqualTo(4);
            assertThat(backend.database().count("Tasks")).isEqualTo(1);
            assertThat(backend.database().count("WorkOrders_Parts", "Parts_PartNumber = ?", "P-NEW")).isEqualTo(1);
            assertThat(backend.database().query("SELECT Title, Priority FROM WorkOrders WHERE Id = 4").get(0))
                    .containsEntry("Title", "Replace pump and seal");
            assertThat(backend.database().query("SELECT Priority FROM WorkOrders WHERE Id = 1").get(0).get("Priority"))
                    .isEqualTo(5);

            EntityValue viaOfflineLink = service.loadEntity(offlineLink);
            assertThat(viaOfflineLink.getValue("Id")).isEqualTo(4L);
            assertThat(viaOfflineLink.readLink()).isEqualTo("WorkOrders(4)");
            assertThat(service.loadEntity("WorkOrders(4)").getValue("Title")).isEqualTo("Replace pump and seal");
            assertThat(service.loadEntity("Tasks(WorkOrderId=4,LineNo=1)").getValue("Description")).isEqualTo("Drain the tank");

            await(store.download());
            assertThat(new DataService(store).executeQuery(DataQuery.parse("WorkOrders")).entities()).hasSize(4);
            assertThat(new DataService(store).executeQuery(DataQuery.parse("Tasks")).entities()).hasSize(1);
        }
    }

    @Test
    void S6_aRejectedRequestGoesToTheErrorArchiveAndOnlyItsDependentsWait() throws Exception {
        List<FailedRequest> failures = new ArrayList<>();
        try (OfflineStore store = open("a.db", options().listener(new SyncListener() {
            @Override
            public void requestFailed(FailedRequest failure) {
                failures.add(failure);
            }
        }))) {
            await(store.download());
            DataService service = new DataService(store);
            service.deleteEntity(service.loadEntity("WorkOrders(2)"));
            EntityValue order = FieldService.workOrder("independent");
            service.createEntity(order);
            EntityValue broken = service.loadEntity("WorkOrders(3)");
            broken.setValue("Title", "edited offline");
            service.updateEntity(broken);
            backend.database().execute("DELETE FROM WorkOrders WHERE Id = 3"); // the server lost it: the PATCH gets 404
            EntityValue dependent = service.loadEntity("WorkOrders(3)");
            dependent.setValue("Priority", 4);
            service.updateEntity(dependent);

            UploadResult result = await(store.upload());
            assertThat(result.failed()).isEqualTo(1);
            assertThat(result.notSent()).isEqualTo(1);
            assertThat(result.succeeded()).isEqualTo(2);
            assertThat(failures).hasSize(1);
            assertThat(failures.get(0).status()).isEqualTo(404);
            assertThat(failures.get(0).url()).contains("WorkOrders");
            List<EntityValue> archive = service.executeQuery(DataQuery.parse("ErrorArchive")).entities();
            assertThat(archive).hasSize(1);
            assertThat(archive.get(0).getValue("HTTPStatusCode")).isEqualTo(404);
            assertThat(backend.database().count("WorkOrders", "Title = ?", "independent")).isEqualTo(1);
            assertThat(store.isRequestQueueEmpty()).isFalse();

            store.resolve((Long) archive.get(0).getValue("ErrorID"), Resolution.KEEP_SERVER);
            assertThat(service.executeQuery(DataQuery.parse("ErrorArchive")).entities()).isEmpty();
            assertThat(service.executeQuery(DataQuery.parse("RequestQueue")).entities()).isEmpty();
        }
    }

    @Test
    void S8_twoDevicesChangingDifferentPropertiesMergeAndTheSamePropertyConflicts() throws Exception {
        try (OfflineStore a = open("a.db", options()); OfflineStore b = open("b.db", options())) {
            await(a.download());
            await(b.download());
            DataService sa = new DataService(a);
            DataService sb = new DataService(b);
            EntityValue ea = sa.loadEntity("WorkOrders(1)");
            ea.setValue("Title", "from device A");
            sa.updateEntity(ea);
            EntityValue eb = sb.loadEntity("WorkOrders(1)");
            eb.setValue("Priority", 3);
            sb.updateEntity(eb);
            await(a.upload());
            UploadResult merged = await(b.upload());
            assertThat(merged.failed()).isZero();
            assertThat(merged.succeeded()).isEqualTo(1);
            var row = backend.database().query("SELECT Title, Priority FROM WorkOrders WHERE Id = 1").get(0);
            assertThat(row).containsEntry("Title", "from device A");
            assertThat(row.get("Priority")).isEqualTo(3);

            await(a.download());
            ea = sa.loadEntity("WorkOrders(1)");
            ea.setValue("Title", "A again");
            sa.updateEntity(ea);
            eb = sb.loadEntity("WorkOrders(1)");
            eb.setValue("Title", "B wants this");
            sb.updateEntity(eb);
            await(a.upload());
            UploadResult conflict = await(b.upload());
            assertThat(conflict.failed()).isEqualTo(1);
            EntityValue error = sb.executeQuery(DataQuery.parse("ErrorArchive")).entities().get(0);
            assertThat(error.getValue("Conflict")).isEqualTo(true);
            assertThat((String) error.getValue("ServerState")).contains("A again");
            b.resolve((Long) error.getValue("ErrorID"), Resolution.KEEP_LOCAL);
            await(b.upload());
            assertThat(backend.database().query("SELECT Title FROM WorkOrders WHERE Id = 1").get(0))
                    .containsEntry("Title", "B wants this");
        }
    }
}
