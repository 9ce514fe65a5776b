package dev.outpost;

import dev.outpost.examples.backend.BackendOptions;
import dev.outpost.examples.backend.FieldServiceBackend;
import dev.outpost.examples.backend.Seed;
import dev.outpost.query.DataQuery;
import dev.outpost.testing.FieldService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** S1–S4, S15: downloads from the example back end into a real store file. */
class DownloadTest {

    static FieldServiceBackend backend;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        backend = FieldServiceBackend.start(BackendOptions.defaults().withPageSize(100));
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
        return OfflineStore.open(StoreOptions.of(dir.resolve("store.db"), FieldService.model()).sync(sync));
    }

    SyncOptions options() {
        return SyncOptions.of(backend.serviceRoot())
                .definingQuery("orders", "WorkOrders?$expand=Tasks")
                .definingQuery("customers", "Customers");
    }

    static <T> T await(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }

    static long count(OfflineStore store, String url) {
        return new DataService(store).executeQuery(DataQuery.parse(url)).entities().size();
    }

    @Test
    void S1_S2_aFullDownloadFollowsNextLinksAndThenUsesTheDeltaLink() throws Exception {
        backend.seed(Seed.workOrders(250).withTasksPerWorkOrder(2));
        try (OfflineStore store = open(options())) {
            DownloadResult first = await(store.download());
            assertThat(first.entities()).isEqualTo(260); // 250 work orders (tasks inline) + 10 customers
            assertThat(first.pages()).isEqualTo(3 + 1);
            assertThat(first.delta()).isZero();
            assertThat(count(store, "WorkOrders")).isEqualTo(250);
            assertThat(count(store, "Tasks")).isEqualTo(500);
            assertThat(count(store, "Customers")).isEqualTo(10);
            EntityValue order = new DataService(store).executeQuery(DataQuery.parse("WorkOrders?$orderby=Id&$top=1&$expand=Tasks,Customer"))
                    .entities().get(0);
            assertThat(order.readLink()).isEqualTo("WorkOrders(1)");
            assertThat(order.isLocal()).isFalse();
            assertThat(order.getRelatedList("Tasks")).hasSize(2);
            assertThat(order.getRelated("Customer")).isNotNull();

            server(backend, "PATCH", "WorkOrders(1)", "{\"Title\":\"changed on the server\"}");
            DownloadResult second = await(store.download());
            assertThat(second.delta()).isEqualTo(2);
            assertThat(second.entities()).isLessThan(10);
            assertThat(new DataService(store).loadEntity("WorkOrders(1)").getValue("Title"))
                    .isEqualTo("changed on the server");
        }
    }

    @Test
    void S3_aCancelledDownloadLeavesTheStoreUnchangedAndTheNextOneResumes() throws Exception {
        backend.seed(Seed.workOrders(1000));
        java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CompletableFuture<DownloadResult>> running =
                new java.util.concurrent.atomic.AtomicReference<>();
        SyncOptions options = SyncOptions.of(backend.serviceRoot()).definingQuery("orders", "WorkOrders")
                .listener(new SyncListener() {
                    @Override
                    public void progress(SyncProgress p) {
                        if (p.entities() >= 500 && running.get() != null) {
                            running.get().cancel(true);
                        }
                    }
                });
        try (OfflineStore store = open(options)) {
            var future = store.download();
            running.set(future);
            assertThat(future).failsWithin(60, TimeUnit.SECONDS);
            assertThat(future.isCancelled()).isTrue();
            Thread.sleep(200); // the sync thread notices the cancel
            assertThat(count(store, "WorkOrders")).isZero();
            running.set(null);
            DownloadResult resumed = await(store.download());
            assertThat(count(store, "WorkOrders")).isEqualTo(1000);
            assertThat(resumed.pages()).isLessThan(10); // pages already staged were not fetched again
        }
    }

    /** Changes the back end through its OData API, as another client would. */
    static void server(FieldServiceBackend backend, String method, String url, String json) throws Exception {
        var request = java.net.http.HttpRequest.newBuilder(backend.serviceRoot().resolve(url))
                .header("Content-Type", "application/json").header("If-Match", "*")
                .method(method, json == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(json)).build();
        var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + url + ": " + response.body()).isBetween(200, 299);
    }

    void removesWhatTheServerNoLongerReturnsButKeepsPendingChanges(FieldServiceBackend server) throws Exception {
        server.seed(Seed.workOrders(20));
        try (OfflineStore store = OfflineStore.open(StoreOptions.of(dir.resolve("store.db"), FieldService.model())
                .sync(SyncOptions.of(server.serviceRoot()).definingQuery("orders", "WorkOrders?$filter=Priority ne 99")))) {
            await(store.download());
            DataService service = new DataService(store);
            EntityValue kept = service.loadEntity("WorkOrders(2)");
            kept.setValue("Title", "edited offline");
            service.updateEntity(kept);
            server(server, "PATCH", "WorkOrders(1)", "{\"Priority\":99}");
            server(server, "PATCH", "WorkOrders(2)", "{\"Priority\":99}");
            server(server, "DELETE", "WorkOrders(3)", null);
            await(store.download());
            assertThat(count(store, "WorkOrders")).isEqualTo(18);
            assertThat(count(store, "WorkOrders?$filter=Id eq 1 or Id eq 3")).isZero();
            assertThat(service.loadEntity("WorkOrders(2)").getValue("Title")).isEqualTo("edited offline");
        }
    }

    @Test
    void S2_aDeltaDownloadRemovesDeletedAndNoLongerMatchingEntitiesButKeepsPendingOnes() throws Exception {
        removesWhatTheServerNoLongerReturnsButKeepsPendingChanges(backend);
    }

    @Test
    void S2_withoutDeltaAFullDownloadRemovesLocalCopiesTheServerNoLongerReturns() throws Exception {
        try (FieldServiceBackend noDelta = FieldServiceBackend.start(BackendOptions.defaults().withDelta(false))) {
            removesWhatTheServerNoLongerReturnsButKeepsPendingChanges(noDelta);
        }
    }

    @Test
    void S15_aClearRuleEmptiesTheSetExceptPendingChanges() throws Exception {
        backend.seed(Seed.workOrders(5));
        try (OfflineStore store = open(SyncOptions.of(backend.serviceRoot()).definingQuery("customers", "Customers"))) {
            await(store.download());
            assertThat(count(store, "Customers")).isEqualTo(10);
        }
        try (OfflineStore store = open(SyncOptions.of(backend.serviceRoot()).definingQuery(DefiningQuery.clear("Customers")))) {
            DataService service = new DataService(store);
            EntityValue c = service.executeQuery(DataQuery.parse("Customers?$top=1")).entities().get(0);
            c.setValue("Name", "pending");
            service.updateEntity(c);
            await(store.download());
            assertThat(count(store, "Customers")).isEqualTo(1);
        }
    }

    @Test
    void S4_newServerStateForAnEntityWithPendingChangesIsRebased() throws Exception {
        backend.seed(Seed.workOrders(3));
        try (OfflineStore store = open(options())) {
            await(store.download());
            DataService service = new DataService(store);
            EntityValue mine = service.loadEntity("WorkOrders(2)");
            mine.setValue("Title", "my title");
            service.updateEntity(mine);
            server(backend, "PATCH", "WorkOrders(2)", "{\"Priority\":5,\"Description\":\"from the server\"}");
            await(store.download());
            EntityValue rebased = service.loadEntity("WorkOrders(2)");
            assertThat(rebased.getValue("Title")).isEqualTo("my title");
            assertThat(rebased.getValue("Priority")).isEqualTo(5);
            assertThat(rebased.getValue("Description")).isEqualTo("from the server");
            assertThat(rebased.hasPendingChanges()).isTrue();
            UploadResult up = await(store.upload());
            assertThat(up.failed()).isZero(); // different properties: the conflict merged by itself
            assertThat(backend.database().query("SELECT Title, Priority FROM WorkOrders WHERE Id = 2").get(0))
                    .containsEntry("Title", "my title");
            assertThat(service.executeQuery(DataQuery.parse("EventLog?$filter=Type eq 'Download' or Type eq 'Upload'"))
                    .entities()).hasSize(3);
        }
    }

    /**
     * Work orders without {@code $expand} are published set-wise; their references to customers
     * (from {@code CustomerId}) must hold whichever query came first, follow a server change of
     * the foreign key, and be found by navigation queries.
     */
    @Test
    void referencesFromForeignKeysHoldWhicheverQueryIsPublishedFirst() throws Exception {
        backend.seed(Seed.workOrders(30));
        String customerOf1 = (String) backend.database().query("SELECT CustomerId FROM WorkOrders WHERE Id = 1").get(0)
                .get("CustomerId");
        String other = (String) backend.database().query("SELECT Id FROM Customers WHERE Id <> '" + customerOf1 + "'")
                .get(0).get("Id");
        for (boolean ordersFirst : List.of(true, false)) {
            java.nio.file.Files.deleteIfExists(dir.resolve("store.db"));
            SyncOptions sync = ordersFirst
                    ? SyncOptions.of(backend.serviceRoot()).definingQuery("orders", "WorkOrders").definingQuery("customers", "Customers")
                    : SyncOptions.of(backend.serviceRoot()).definingQuery("customers", "Customers").definingQuery("orders", "WorkOrders");
            try (OfflineStore store = open(sync)) {
                await(store.download());
                DataService service = new DataService(store);
                assertThat(count(store, "WorkOrders?$filter=Customer ne null")).as("orders first: " + ordersFirst).isEqualTo(30);
                assertThat(service.loadEntity("WorkOrders(1)?$expand=Customer").getRelated("Customer").getValue("Id"))
                        .hasToString(customerOf1);
                assertThat(count(store, "Customers(" + customerOf1 + ")/WorkOrders")).isEqualTo(count(store,
                        "WorkOrders?$filter=CustomerId eq " + customerOf1));

                server(backend, "PATCH", "WorkOrders(1)", "{\"CustomerId\":\"" + other + "\"}");
                await(store.download());
                assertThat(service.loadEntity("WorkOrders(1)?$expand=Customer").getRelated("Customer").getValue("Id"))
                        .hasToString(other);
                server(backend, "PATCH", "WorkOrders(1)", "{\"CustomerId\":\"" + customerOf1 + "\"}");
            }
            java.nio.file.Files.deleteIfExists(dir.resolve("store.db-wal"));
            java.nio.file.Files.deleteIfExists(dir.resolve("store.db-shm"));
        }
    }
}
