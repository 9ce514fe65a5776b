package dev.outpost;

import dev.outpost.examples.backend.BackendOptions;
import dev.outpost.examples.backend.FieldServiceBackend;
import dev.outpost.examples.backend.JournalEntry;
import dev.outpost.query.DataQuery;
import dev.outpost.testing.FieldService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * S9–S12, S14: the seed's examples of request queue optimisation, undo local creation and the
 * transaction builder, checked on the {@code $batch} the back end actually received, and
 * removeCreatedEntityAfterUpload and upload categories.
 */
class UploadAlgorithmsTest {

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
    }

    OfflineStore open(SyncOptions sync) {
        return OfflineStore.open(StoreOptions.of(dir.resolve("s.db"), FieldService.model())
                .sync(sync.definingQuery("customers", "Customers")));
    }

    SyncOptions options() {
        return SyncOptions.of(backend.serviceRoot());
    }

    static <T> T await(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }

    /** The parts of the batches sent since the journal was cleared, as "changeSet method url name-or-body". */
    static List<String> sent() {
        return backend.journal().entries(e -> e.url().contains("$batch")).stream()
                .flatMap(e -> e.batchParts().stream())
                .map(p -> (p.changeSet() < 0 ? "-" : "cs" + p.changeSet()) + " " + p.method() + " " + p.url()
                        + (p.body() == null || p.body().isEmpty() ? "" : " " + name(p)))
                .toList();
    }

    private static String name(JournalEntry.BatchPart p) {
        var m = java.util.regex.Pattern.compile("\"Name\":\"([^\"]*)\"").matcher(p.body());
        return m.find() ? m.group(1) : p.body();
    }

    static EntityValue customer(String name) {
        return FieldService.customer(UUID.randomUUID(), name);
    }

    @Test
    void S9_theSeedsQueueOptimisationExampleIsWhatTheBackEndReceives() throws Exception {
        // the seed's change set #1 (create Customer 2, update it) is built here by the transaction builder,
        // which the seed names as one way such a change set comes to be
        try (OfflineStore store = open(options().requestQueueOptimization(true).transactionBuilder(true))) {
            DataService service = new DataService(store);
            RequestOptions changeSet1 = RequestOptions.defaults().transactionId("change set 1");
            EntityValue c1 = customer("John");
            service.createEntity(c1);
            EntityValue c2 = customer("Jan");
            service.createEntity(c2, changeSet1);
            c2.setValue("Name", "Jane");
            service.updateEntity(c2, changeSet1);
            c1.setValue("Name", "John Doe");
            service.updateEntity(c1);
            c2.setValue("Name", "Jane Do");
            service.updateEntity(c2);
            c2.setValue("Name", "Jane Doe");
            service.updateEntity(c2);
            backend.journal().clear();
            UploadResult result = await(store.upload());
            assertThat(sent()).containsExactly(
                    "- POST Customers John Doe",
                    "cs0 POST Customers Jane",
                    "- PATCH Customers(" + c2.getValue("Id") + ") Jane Doe");
            assertThat(result.succeeded()).isEqualTo(6);
            assertThat(backend.database().query("SELECT Name FROM Customers ORDER BY Name"))
                    .extracting(r -> r.get("Name")).containsExactly("Jane Doe", "John Doe");
        }
    }

    @Test
    void S9_createThenDeleteSendsNothingAndUnmodifiableRequestsStay() throws Exception {
        try (OfflineStore store = open(options().requestQueueOptimization(true))) {
            DataService service = new DataService(store);
            EntityValue gone = customer("Gone");
            service.createEntity(gone);
            service.deleteEntity(gone);
            EntityValue kept = customer("Kept");
            service.createEntity(kept);
            kept.setValue("Name", "Kept v2");
            service.updateEntity(kept, RequestOptions.defaults().unmodifiable());
            backend.journal().clear();
            UploadResult result = await(store.upload());
            assertThat(result.optimizedAway()).isEqualTo(2);
            assertThat(sent()).containsExactly("- POST Customers Kept", "- PATCH Customers(" + kept.getValue("Id") + ") Kept v2");
        }
    }

    @Test
    void S10_undoLocalCreationDropsCreateUpdatesAndDeleteAcrossChangeSetsAndUnmodifiable() throws Exception {
        try (OfflineStore store = open(options().undoLocalCreation(true))) {
            DataService service = new DataService(store);
            EntityValue c = customer("customer101");
            service.applyChanges(new ChangeSet().createEntity(c));
            c.setValue("Name", "customer101 v2");
            service.updateEntity(c, RequestOptions.defaults().unmodifiable());
            service.deleteEntity(c);
            service.createEntity(customer("other"));
            backend.journal().clear();
            UploadResult result = await(store.upload());
            assertThat(result.optimizedAway()).isEqualTo(3);
            assertThat(sent()).containsExactly("- POST Customers other");
        }
        try (OfflineStore store = open(options())) {
            DataService service = new DataService(store);
            EntityValue c = customer("sent as is");
            service.createEntity(c);
            service.deleteEntity(c);
            backend.journal().clear();
            await(store.upload());
            assertThat(sent()).hasSize(2); // off by default: create and delete both go
        }
    }

    @Test
    void S11_theSeedsTransactionBuilderExampleIsWhatTheBackEndReceives() throws Exception {
        try (OfflineStore store = open(options().transactionBuilder(true))) {
            DataService service = new DataService(store);
            RequestOptions tx1 = RequestOptions.defaults().transactionId("1");
            RequestOptions tx2 = RequestOptions.defaults().transactionId("2");
            EntityValue c1 = customer("Customer 1");
            service.createEntity(c1, tx1);
            EntityValue o1 = FieldService.workOrder("Order 1");
            service.createEntity(o1, tx1);
            service.createEntity(FieldService.part("P1", "Product 1"));
            EntityValue c2 = customer("Customer 2");
            service.createEntity(c2, tx2);
            c1.setValue("Name", "Customer 1 updated");
            service.updateEntity(c1, tx1);
            c2.setValue("Name", "Customer 2 updated");
            service.updateEntity(c2, tx2);
            backend.journal().clear();
            UploadResult result = await(store.upload());
            assertThat(result.succeeded()).isEqualTo(6);
            List<String> parts = sent();
            assertThat(parts).hasSize(6);
            assertThat(parts.get(0)).isEqualTo("cs0 POST Customers Customer 1");
            assertThat(parts.get(1)).startsWith("cs0 POST WorkOrders");
            assertThat(parts.get(2)).isEqualTo("cs0 PATCH $1 Customer 1 updated"); // Customer 1 by its Content-ID
            assertThat(parts.get(3)).startsWith("- POST Parts");
            assertThat(parts.get(4)).isEqualTo("cs1 POST Customers Customer 2");
            assertThat(parts.get(5)).isEqualTo("cs1 PATCH $4 Customer 2 updated");
        }
    }

    @Test
    void S12_anEntityCreatedWithRemoveAfterUploadLeavesTheStoreAfterItsUpload() throws Exception {
        try (OfflineStore store = open(options())) {
            DataService service = new DataService(store);
            EntityValue c = customer("hand over");
            service.createEntity(c, RequestOptions.defaults().removeCreatedEntityAfterUpload());
            EntityValue order = FieldService.workOrder("for the handed over customer");
            service.createEntity(order);
            service.createLink(order, "Customer", c);
            String link = c.readLink();
            await(store.upload());
            assertThat(backend.database().count("Customers", "Name = ?", "hand over")).isEqualTo(1);
            assertThat(service.executeQuery(DataQuery.parse("Customers")).entities()).isEmpty();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.loadEntity(link))
                    .isInstanceOf(EntityNotFoundException.class);
            assertThat(service.loadEntity(order.readLink()).getRelated("Customer")).isNull();
        }
    }

    @Test
    void S14_anUploadOfOneCategorySendsItAndWhatItNeedsOnly() throws Exception {
        try (OfflineStore store = open(options())) {
            DataService service = new DataService(store);
            EntityValue c = customer("needed first");
            service.createEntity(c);
            service.createEntity(customer("later"), RequestOptions.defaults().uploadCategory("other"));
            c.setValue("Name", "urgent change");
            service.updateEntity(c, RequestOptions.defaults().uploadCategory("urgent"));
            backend.journal().clear();
            UploadResult result = await(store.upload(UploadOptions.categories("urgent")));
            assertThat(result.succeeded()).isEqualTo(2);
            assertThat(sent()).containsExactly("- POST Customers needed first",
                    "- PATCH Customers(" + c.getValue("Id") + ") urgent change");
            assertThat(service.executeQuery(DataQuery.parse("RequestQueue")).entities()).hasSize(1);
        }
    }

    @Test
    void S14_oneSyncAtATimeWhileLocalWritesGoOn() throws Exception {
        try (OfflineStore store = open(options())) {
            DataService service = new DataService(store);
            for (int i = 0; i < 50; i++) {
                service.createEntity(customer("c" + i));
            }
            backend.faults().delay("POST", "$batch", java.time.Duration.ofMillis(500));
            var upload = store.upload();
            assertThat(store.upload()).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withMessageContaining("already running");
            service.createEntity(customer("written during the upload"));
            assertThat(await(upload).succeeded()).isEqualTo(50);
            backend.faults().clear();
            assertThat(service.executeQuery(DataQuery.parse("RequestQueue")).entities()).hasSize(1);
            await(store.upload());
            assertThat(backend.database().count("Customers")).isEqualTo(51);
        }
    }

    @Test
    void aDeepInsertGivesEveryCreatedChildItsServerKey() throws Exception {
        try (OfflineStore store = open(options())) {
            DataService service = new DataService(store);
            EntityValue order = FieldService.workOrder("with tasks");
            order.setRelatedList("Tasks", List.of(FieldService.task(1, "one"), FieldService.task(2, "two")));
            service.createEntity(order);
            await(store.upload());
            long id = (Long) service.loadEntity(order.readLink()).getValue("Id");
            assertThat(service.loadEntity("Tasks(WorkOrderId=" + id + ",LineNo=2)").getValue("Description")).isEqualTo("two");
            assertThat(backend.database().count("Tasks", "WorkOrderId = ?", id)).isEqualTo(2);
        }
    }

    @Test
    void S14_anUploadOfSelectedEntitiesTakesTheUnuploadedEntitiesTheyReferToAlong() throws Exception {
        try (OfflineStore store = open(options())) {
            DataService service = new DataService(store);
            EntityValue customer = customer("referenced");
            service.createEntity(customer);
            service.createEntity(customer("unrelated"));
            EntityValue order = FieldService.workOrder("selected");
            service.createEntity(order);
            service.createLink(order, "Customer", customer);
            backend.journal().clear();
            UploadResult result = await(store.upload(UploadOptions.entities(order.readLink())));
            assertThat(result.succeeded()).isEqualTo(3);
            assertThat(sent()).hasSize(3).noneMatch(p -> p.contains("unrelated"));
            assertThat(backend.database().count("WorkOrders", "CustomerId = ?", customer.getValue("Id").toString()))
                    .isEqualTo(1);
            assertThat(service.executeQuery(DataQuery.parse("RequestQueue")).entities()).hasSize(1);
        }
    }
}
