package dev.outpost;

import dev.outpost.examples.backend.BackendOptions;
import dev.outpost.examples.backend.FieldServiceBackend;
import dev.outpost.examples.backend.Seed;
import dev.outpost.query.DataQuery;
import dev.outpost.testing.FieldService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** S16 and S6 faults: retries, Retry-After, timeouts, CSRF, authentication, a failing change set. */
class TransportTest {

    @TempDir
    Path dir;

    OfflineStore open(FieldServiceBackend backend, SyncOptions sync) {
        return OfflineStore.open(StoreOptions.of(dir.resolve("s.db"), FieldService.model())
                .sync(sync.definingQuery("orders", "WorkOrders")));
    }

    static <T> T await(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }

    @Test
    void busyAnswersAreRetriedAfterTheirRetryAfter() throws Exception {
        try (FieldServiceBackend backend = FieldServiceBackend.start(BackendOptions.defaults())) {
            backend.seed(Seed.workOrders(3));
            try (OfflineStore store = open(backend, SyncOptions.of(backend.serviceRoot()))) {
                backend.faults().unavailable("GET", "WorkOrders", 2, 429, 1);
                long started = System.nanoTime();
                await(store.download());
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
                new DataService(store).createEntity(FieldService.workOrder("after 503s"));
                backend.faults().unavailable("POST", "$batch", 2, 503, 0);
                UploadResult result = await(store.upload());
                assertThat(result.succeeded()).isEqualTo(1);
                assertThat(result.roundTrips()).isEqualTo(3);
                assertThat(backend.database().count("WorkOrders", "Title = ?", "after 503s")).isEqualTo(1);
            }
        }
    }

    @Test
    void aRetryAfterLongerThanAllowedFailsAtOnceAndKeepsTheQueue() throws Exception {
        try (FieldServiceBackend backend = FieldServiceBackend.start(BackendOptions.defaults())) {
            try (OfflineStore store = open(backend, SyncOptions.of(backend.serviceRoot()).retries(3, Duration.ofSeconds(5)))) {
                new DataService(store).createEntity(FieldService.workOrder("waits"));
                backend.faults().unavailable("POST", "$batch", 1, 503, 120);
                assertThatThrownBy(() -> await(store.upload())).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(SyncException.class).hasMessageContaining("asks to wait 120 s");
                assertThat(store.isRequestQueueEmpty()).isFalse();
                assertThat(new DataService(store).executeQuery(DataQuery.parse("RequestQueue")).entities().get(0)
                        .getValue("Status")).isEqualTo("pending");
                assertThat(backend.database().count("WorkOrders")).isZero();
            }
        }
    }

    @Test
    void aBackEndThatStopsAnsweringTimesOutAndTheStoreIsUnchanged() throws Exception {
        try (FieldServiceBackend backend = FieldServiceBackend.start(BackendOptions.defaults())) {
            backend.seed(Seed.workOrders(3));
            try (OfflineStore store = open(backend, SyncOptions.of(backend.serviceRoot())
                    .timeouts(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ofMillis(500)).retries(0, Duration.ofSeconds(1)))) {
                backend.faults().delay("GET", "WorkOrders", Duration.ofSeconds(3));
                assertThatThrownBy(() -> await(store.download())).cause().isInstanceOf(SyncException.class)
                        .hasMessageContaining("WorkOrders");
                assertThat(new DataService(store).executeQuery(DataQuery.parse("WorkOrders")).entities()).isEmpty();
                backend.faults().clear();
                await(store.download());
                assertThat(new DataService(store).executeQuery(DataQuery.parse("WorkOrders")).entities()).hasSize(3);
            }
        }
    }

    @Test
    void aCsrfTokenIsFetchedWhenTheBackEndAsksForOne() throws Exception {
        try (FieldServiceBackend backend = FieldServiceBackend.start(BackendOptions.defaults().withCsrfRequired(true))) {
            try (OfflineStore store = open(backend, SyncOptions.of(backend.serviceRoot()))) {
                new DataService(store).createEntity(FieldService.workOrder("with token"));
                UploadResult result = await(store.upload());
                assertThat(result.succeeded()).isEqualTo(1);
                assertThat(backend.database().count("WorkOrders")).isEqualTo(1);
            }
        }
    }

    @Test
    void credentialsAuthenticateButAreNeverStored() throws Exception {
        String password = "s3cret-" + System.nanoTime();
        try (FieldServiceBackend backend = FieldServiceBackend.start(BackendOptions.defaults()
                .withBasicAuthentication("field", password))) {
            backend.seed(Seed.workOrders(2));
            try (OfflineStore store = open(backend, SyncOptions.of(backend.serviceRoot()))) {
                assertThatThrownBy(() -> await(store.download())).cause().isInstanceOf(SyncException.class)
                        .hasMessageContaining("401");
            }
            Files.deleteIfExists(dir.resolve("s.db"));
            try (OfflineStore store = open(backend, SyncOptions.of(backend.serviceRoot())
                    .authentication(Authentication.basic("field", password)))) {
                await(store.download());
                DataService service = new DataService(store);
                service.createEntity(FieldService.workOrder("authenticated"));
                EntityValue gone = service.loadEntity("WorkOrders(2)");
                backend.database().execute("DELETE FROM WorkOrders WHERE Id = 2");
                gone.setValue("Title", "fails");
                service.updateEntity(gone);
                UploadResult result = await(store.upload());
                assertThat(result.succeeded()).isEqualTo(1);
                assertThat(result.failed()).isEqualTo(1);
            }
            for (Path f : Files.list(dir).toList()) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(bytes).as(f.toString()).doesNotContain(password)
                        .doesNotContain(java.util.Base64.getEncoder().encodeToString(("field:" + password).getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    @Test
    void S6_a500InsideAChangeSetArchivesThatChangeSetAndTheRestIsApplied() throws Exception {
        try (FieldServiceBackend backend = FieldServiceBackend.start(BackendOptions.defaults())) {
            try (OfflineStore store = open(backend, SyncOptions.of(backend.serviceRoot()))) {
                DataService service = new DataService(store);
                service.createEntity(FieldService.workOrder("before"));
                service.applyChanges(new ChangeSet().createEntity(FieldService.workOrder("cs one"))
                        .createEntity(FieldService.workOrder("cs two")));
                service.createEntity(FieldService.workOrder("after"));
                backend.faults().failNth("POST", "WorkOrders", 3);
                UploadResult result = await(store.upload());
                assertThat(result.failed()).isEqualTo(2);
                assertThat(result.succeeded()).isEqualTo(2);
                assertThat(backend.database().query("SELECT Title FROM WorkOrders ORDER BY Id"))
                        .extracting(r -> r.get("Title")).containsExactly("before", "after");
                var archive = service.executeQuery(DataQuery.parse("ErrorArchive?$orderby=RequestID")).entities();
                assertThat(archive).extracting(e -> e.getValue("HTTPStatusCode")).containsExactly(500, 500);
                assertThat(archive).extracting(e -> e.getValue("Code")).contains("ChangeSetFailed");
            }
        }
    }
}
