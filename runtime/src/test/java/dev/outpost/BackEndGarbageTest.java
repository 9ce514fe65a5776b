package dev.outpost;

import dev.outpost.examples.backend.BackendOptions;
import dev.outpost.examples.backend.FieldServiceBackend;
import dev.outpost.examples.backend.Seed;
import dev.outpost.testing.FaultProxy;
import dev.outpost.testing.FaultProxy.Fault;
import dev.outpost.testing.FieldService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Answers whose JSON is well formed but whose values the model does not allow (found by
 * {@code ServerResponseFuzzTest}): they are the back end's fault, so the sync fails with a
 * {@link SyncException}, not with the {@link DataRequestException} that tells a caller its own
 * request was bad, and nothing of them reaches the store. A boolean given as any text but
 * {@code true} or {@code false} used to be stored as false.
 */
class BackEndGarbageTest {

    static FieldServiceBackend backend;
    static FaultProxy proxy;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        backend = FieldServiceBackend.start(BackendOptions.defaults().withRepeatability(false));
        proxy = FaultProxy.start(backend.serviceRoot());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        backend.close();
    }

    @BeforeEach
    void reset() {
        backend.reset();
        backend.seed(Seed.workOrders(3).withCustomers(2).withTasksPerWorkOrder(1));
        proxy.clear();
    }

    private OfflineStore open(String orders) {
        return OfflineStore.open(StoreOptions.of(dir.resolve("store.db"), FieldService.model())
                .sync(SyncOptions.of(proxy.rewrite(backend.serviceRoot())).definingQuery("orders", orders)
                        .definingQuery("customers", "Customers")));
    }

    private static Throwable failure(CompletableFuture<?> f) {
        Throwable t = catchThrowable(() -> f.get(60, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class);
        return t.getCause();
    }

    @Test
    void aMalformedValueInAPageIsASyncException() throws Exception {
        try (OfflineStore store = open("WorkOrders")) {
            proxy.on(FaultProxy.request("GET", "/odata/WorkOrders"), Fault.rewriteBody(
                    b -> b.replaceFirst("\"CreatedAt\":\"[^\"]*\"", "\"CreatedAt\":\"yesterday\"")), 1);
            assertThat(failure(store.download())).isInstanceOf(SyncException.class).hasMessageContaining("CreatedAt");
            assertThat(new DataService(store).executeQuery(dev.outpost.query.DataQuery.parse("WorkOrders")).entities())
                    .isEmpty();
            store.download().get(60, TimeUnit.SECONDS);
            assertThat(new DataService(store).executeQuery(dev.outpost.query.DataQuery.parse("WorkOrders")).entities())
                    .hasSize(3);
        }
    }

    @Test
    void aNameTooLongForTheJsonParserIsASyncException() {
        // Jackson's limit on names fails without a location, which the error message used to read
        try (OfflineStore store = open("WorkOrders")) {
            proxy.on(FaultProxy.request("GET", "/odata/WorkOrders"), Fault.rewriteBody(
                    b -> b.replaceFirst("\"Title\"", "\"" + "T".repeat(100_000) + "\"")), 1);
            assertThat(failure(store.download())).isInstanceOf(SyncException.class).hasMessageContaining("not valid JSON");
        }
    }

    @Test
    void aNextLinkTheBackEndRefusesIsLeftBehindByTheNextDownload() throws Exception {
        // found by ServerResponseFuzzTest (seed 4242): the download resumed at the refused link every time
        try (OfflineStore store = OfflineStore.open(StoreOptions.of(dir.resolve("store.db"), FieldService.model())
                .sync(SyncOptions.of(proxy.rewrite(backend.serviceRoot())).definingQuery("orders", "WorkOrders")
                        .pageSize(1)))) {
            proxy.on(FaultProxy.request("GET", "/odata/WorkOrders"), Fault.rewriteBody(
                    b -> b.replaceFirst("\"@odata.nextLink\":\"[^\"]*\"", "\"@odata.nextLink\":\"WorkOrders?\\$nope=1\"")), 1);
            assertThat(failure(store.download())).isInstanceOf(SyncException.class).hasMessageContaining("nope");
            store.download().get(60, TimeUnit.SECONDS);
            assertThat(new DataService(store).executeQuery(dev.outpost.query.DataQuery.parse("WorkOrders")).entities())
                    .hasSize(3);
        }
    }

    @Test
    void aNextLinkToAnotherHostIsNotFollowed() throws Exception {
        // found by ServerResponseFuzzTest (seed 777): kept as the cursor, it failed every later download
        try (OfflineStore store = OfflineStore.open(StoreOptions.of(dir.resolve("store.db"), FieldService.model())
                .sync(SyncOptions.of(proxy.rewrite(backend.serviceRoot())).definingQuery("orders", "WorkOrders")
                        .pageSize(1)))) {
            proxy.on(FaultProxy.request("GET", "/odata/WorkOrders"), Fault.rewriteBody(
                    b -> b.replaceFirst("\"@odata.nextLink\":\"[^\"]*\"", "\"@odata.nextLink\":\"http://elsewhere.invalid/x\"")), 1);
            assertThat(failure(store.download())).isInstanceOf(SyncException.class).hasMessageContaining("elsewhere");
            store.download().get(60, TimeUnit.SECONDS);
            assertThat(new DataService(store).executeQuery(dev.outpost.query.DataQuery.parse("WorkOrders")).entities())
                    .hasSize(3);
        }
    }

    @Test
    void aMalformedValueInAnExpandedEntityIsASyncException() throws Exception {
        try (OfflineStore store = open("WorkOrders?$expand=Tasks")) {
            proxy.on(FaultProxy.request("GET", "/odata/WorkOrders"), Fault.rewriteBody(
                    b -> b.replaceFirst("\"Done\":(true|false)", "\"Done\":\"maybe\"")), 1);
            assertThat(failure(store.download())).isInstanceOf(SyncException.class).hasMessageContaining("Done");
            assertThat(new DataService(store).executeQuery(dev.outpost.query.DataQuery.parse("Tasks")).entities()).isEmpty();
        }
    }

    @Test
    void anUnusableBatchAnswerIsASyncExceptionAndTheRequestsAreSettled() throws Exception {
        try (OfflineStore store = open("WorkOrders")) {
            store.download().get(60, TimeUnit.SECONDS);
            DataService service = new DataService(store);
            UUID id = UUID.randomUUID();
            service.createEntity(FieldService.customer(id, "garbage answer"));
            // the created entity's body unreadable, its Location not a key of the set: the store can take neither
            proxy.on(FaultProxy.request("POST", "/odata/$batch"), Fault.rewriteBody(b -> b
                    .replaceFirst("Customers\\([^)]*\\)", "Customers(not-a-guid)")
                    .replaceFirst("\\{\"@odata.context\"", "{\"@odata.context\":")), 1);

            assertThat(failure(store.upload())).isInstanceOf(SyncException.class).hasMessageContaining("not-a-guid");
            UploadResult again = store.upload().get(60, TimeUnit.SECONDS);
            assertThat(again.failed()).isZero();
            assertThat(store.isRequestQueueEmpty()).isTrue();
            assertThat(backend.database().count("Customers", "Id = ?", id.toString())).isEqualTo(1);
        }
    }
}
