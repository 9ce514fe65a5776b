package dev.outpost.faults;

import dev.outpost.DataService;
import dev.outpost.EntityValue;
import dev.outpost.OfflineStore;
import dev.outpost.OutpostException;
import dev.outpost.StoreOptions;
import dev.outpost.SyncException;
import dev.outpost.SyncOptions;
import dev.outpost.UploadResult;
import dev.outpost.examples.backend.BackendOptions;
import dev.outpost.examples.backend.FieldServiceBackend;
import dev.outpost.examples.backend.Seed;
import dev.outpost.query.DataQuery;
import dev.outpost.testing.FaultProxy;
import dev.outpost.testing.FaultProxy.Fault;
import dev.outpost.testing.FieldService;
import dev.outpost.testing.Fuzz;
import dev.outpost.testing.LocalStateCheck;
import dev.outpost.testing.Mutator;
import dev.outpost.testing.StoreFingerprint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R3, server responses: the example back end's answers, mutated on their way through
 * {@link FaultProxy} — pages of a first download, delta responses of a later one (with entities
 * the server changed and removed), and {@code $batch} answers to an upload of local creates,
 * updates, related creates and deletes. Each case either succeeds (a mutant that is still a valid
 * answer; the store then passes its integrity check and replays from server state and the
 * queue), or fails with a {@link SyncException}. After a refused page or delta response the
 * store holds what it held before (entity tables, server images, the queue; the sync bookkeeping
 * — staging, cursors, the event log — may move). A refused {@code $batch} answer comes after the
 * back end committed, so the store may settle requests by asking the back end (S7); there the
 * proof is that local state still replays from server state and the queue. Either way a sync
 * without mutations afterwards converges: nothing rejected, the store equal to the back end,
 * every local change on the back end exactly once. Never another exception type, never a
 * partial write.
 *
 * <p>Cases: {@code -Doutpost.fuzz.cases.server-responses=N} (default 120), seed
 * {@code -Doutpost.fuzz.seed}; see {@link Fuzz}. A failing case's original and mutated bodies are
 * saved under {@code target/fuzz-failures}.
 */
class ServerResponseFuzzTest {

    private static final Mutator MUTATOR = new Mutator(List.of("null", "true", "0", "-1", "1e309", "9223372036854775808",
            "\"\"", "[]", "{}", "\"x\"", ",", ":", "\"value\":", "\"value\":null", "\"@odata.nextLink\":\"",
            "\"@odata.deltaLink\":\"", "\"@odata.context\":\"$metadata#Customers\"", "\"@removed\":{\"reason\":\"deleted\"}",
            "\"@odata.id\":\"WorkOrders(1)\"", "\"@odata.etag\":\"W/\\\"1\\\"\"", "\"@odata.type\":\"#FieldService.Part\"",
            "\"Id\":", "\"Title\":", "\"CustomerId\":", "\"WorkOrderId\":", "\"LineNo\":", "\"Done\":", "\"Status\":\"Nope\"",
            "\"Priority\":\"high\"", "http://127.0.0.1:1/odata/", "HTTP/1.1 200 OK", "HTTP/1.1 201 Created",
            "HTTP/1.1 204 No Content", "HTTP/1.1 412 Precondition Failed", "HTTP/1.1 500 Internal Server Error",
            "Content-Type: application/http\r\n", "Content-Type: application/json\r\n", "Content-ID: 1\r\n",
            "Content-ID: 99\r\n", "Location: WorkOrders(999)\r\n", "ETag: W/\"9\"\r\n", "\r\n", "\r\n\r\n", "--batch_",
            "--changeset_", "--", "Repeatability-Result: accepted\r\n"));
    /** What a failed sync may change: staging and cursors, the event log, a request's "sending" mark, sync.* metadata. */
    private static final Set<String> BOOKKEEPING_COLUMNS = Set.of("$requests.state", "$requests.first_sent");
    private static final Set<String> BOOKKEEPING_TABLES = Set.of("$staging", "$defining_queries", "$events");
    private static final String PROBE = "Customers(" + new UUID(0x5eedL, 1) + ")";

    static FieldServiceBackend backend;
    static FaultProxy proxy;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        backend = FieldServiceBackend.start(BackendOptions.defaults().withPageSize(4));
        proxy = FaultProxy.start(backend.serviceRoot());
    }

    @AfterAll
    static void stop() {
        proxy.close();
        backend.close();
    }

    private enum Target { PAGE, DELTA, BATCH }

    @Test
    void mutatedResponsesEndInSuccessOrASyncExceptionAndAnUnchangedStore() throws Exception {
        Map<String, Integer> outcomes = new TreeMap<>();
        int cases = Fuzz.run("server-responses", 120, (random, n) -> {
            Target target = Target.values()[n % 3];
            String outcome = runCase(target, random, n);
            synchronized (outcomes) {
                outcomes.merge(target + " " + outcome, 1, Integer::sum);
            }
        });
        System.out.println("server-response fuzz: " + cases + " cases: " + outcomes);
        assertThat(outcomes.keySet()).as("some mutants are refused").anyMatch(k -> k.endsWith("SyncException"));
    }

    private String runCase(Target target, Random random, int n) throws Exception {
        backend.reset();
        backend.seed(Seed.workOrders(6).withCustomers(3).withTasksPerWorkOrder(2));
        proxy.clear();
        Path file = dir.resolve("case-" + n + ".db");
        try (OfflineStore store = OfflineStore.open(StoreOptions.of(file, FieldService.model())
                .sync(SyncOptions.of(proxy.rewrite(backend.serviceRoot())).definingQuery("orders", "WorkOrders")
                        .definingQuery("customers", "Customers").definingQuery("tasks", "Tasks")
                        .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5))
                        .retries(0, Duration.ofMillis(1))))) {
            if (target != Target.PAGE) {
                await(store.download());
                localChanges(store, n);
                serverChanges(n);
            }
            Map<String, List<String>> before = fingerprint(file);
            int which = random.nextInt(target == Target.PAGE ? 5 : target == Target.DELTA ? 3 : 2);
            AtomicInteger seen = new AtomicInteger();
            AtomicReference<String> original = new AtomicReference<>();
            AtomicReference<String> mutant = new AtomicReference<>();
            Random mutations = new Random(random.nextLong());
            proxy.chooser(r -> matches(target, r) && seen.getAndIncrement() == which ? Fault.rewriteBody(body -> {
                original.set(body);
                mutant.set(MUTATOR.mutate(body, mutations, 4));
                return mutant.get();
            }) : Fault.pass());
            Throwable error = null;
            try {
                if (target == Target.BATCH) {
                    await(store.upload());
                } else {
                    await(store.download());
                }
            } catch (ExecutionException e) {
                error = e.getCause();
            }
            proxy.clear();
            String saved = mutant.get() == null ? "" : "; the response is saved in "
                    + Fuzz.save("server-response-" + n + "-original.txt", original.get()) + " and its mutant in "
                    + Fuzz.save("server-response-" + n + "-mutant.txt", mutant.get());
            if (error != null && !(error instanceof SyncException)) {
                throw new AssertionError(target + ": a mutated response ended in " + error + ", not a SyncException" + saved,
                        error);
            }
            assertThat(store.integrityCheck()).as("integrity check" + saved).isEqualTo("ok");
            if (error == null) {
                LocalStateCheck.assertReplayable(store, PROBE);
                return mutant.get() == null ? "not mutated" : "accepted";
            }
            Map<String, List<String>> after = fingerprint(file);
            if (target == Target.BATCH) {
                LocalStateCheck.assertReplayable(store, PROBE);
            } else if (!after.equals(before)) {
                throw new AssertionError(target + ": the sync failed (" + error + ") but changed the store:\n"
                        + StoreFingerprint.difference(before, after) + saved);
            }
            converges(store, saved);
            if (target != Target.PAGE) {
                localChangesOnTheBackEnd(n, saved);
            }
            return "SyncException";
        }
    }

    /** The store's contents without the sync bookkeeping (and the $metadata digest a download records first). */
    private static Map<String, List<String>> fingerprint(Path file) {
        Map<String, List<String>> tables = StoreFingerprint.comparable(file, BOOKKEEPING_COLUMNS, BOOKKEEPING_TABLES);
        tables.computeIfPresent("$meta", (t, rows) -> rows.stream().filter(r -> !r.startsWith("sync.")).toList());
        return tables;
    }

    private static boolean matches(Target target, FaultProxy.Request r) {
        if (target == Target.BATCH) {
            return r.method().equals("POST") && r.path().endsWith("/$batch");
        }
        String path = r.path();
        return r.method().equals("GET") && (path.contains("/WorkOrders") || path.contains("/Customers")
                || path.contains("/Tasks"));
    }

    /** After a refused answer, a sync without mutations: nothing rejected or queued, no duplicate, store equal to the back end. */
    private static void converges(OfflineStore store, String saved) throws Exception {
        UploadResult up = await(store.upload());
        assertThat(up.failed()).as("requests rejected by the upload after a refused answer" + saved).isZero();
        await(store.download());
        assertThat(store.isRequestQueueEmpty()).as("queue empty after the upload" + saved).isTrue();
        assertThat(backend.database().query("SELECT Title FROM WorkOrders GROUP BY Title HAVING count(*) > 1"))
                .as("work orders on the back end twice" + saved).isEmpty();
        DataService service = new DataService(store);
        List<String> local = new ArrayList<>();
        for (EntityValue wo : service.executeQuery(DataQuery.parse("WorkOrders?$orderby=Title")).entities()) {
            local.add(wo.getValue("Id") + " " + wo.getValue("Title"));
        }
        List<String> server = new ArrayList<>();
        for (Map<String, Object> r : backend.database().query("SELECT Id, Title FROM WorkOrders ORDER BY Title")) {
            server.add(r.get("Id") + " " + r.get("Title"));
        }
        assertThat(local).as("work orders in the store and on the back end" + saved).isEqualTo(server);
        assertThat(service.executeQuery(DataQuery.parse("Tasks")).entities().size())
                .as("tasks in the store and on the back end" + saved).isEqualTo((int) backend.database().count("Tasks"));
    }

    /** Every change {@link #localChanges} made is on the back end, once. */
    private static void localChangesOnTheBackEnd(int n, String saved) {
        var db = backend.database();
        assertThat(db.count("Customers", "Id = ?", new UUID(0xf0L, n).toString())).as("the new customer" + saved).isEqualTo(1);
        assertThat(db.query("SELECT w.CustomerId AS c, count(t.LineNo) AS tasks FROM WorkOrders w LEFT JOIN Tasks t"
                + " ON t.WorkOrderId = w.Id AND t.Description = ? WHERE w.Title = ? GROUP BY w.Id",
                "first task of F" + n, "F" + n + " new").stream().map(r -> r.get("c") + " with "
                + ((Number) r.get("tasks")).intValue() + " task")).as("the new work order, its customer and its task" + saved)
                .containsExactly(new UUID(0xf0L, n) + " with 1 task");
        assertThat(db.count("WorkOrders", "Id = 1 AND Title = ?", "F" + n + " changed")).as("the update" + saved).isEqualTo(1);
        assertThat(db.count("Tasks", "WorkOrderId = 2 AND LineNo = 1")).as("the deleted task" + saved).isZero();
    }

    /** Creates, an update, a related create and a delete: what the $batch carries. */
    private static void localChanges(OfflineStore store, int n) {
        DataService service = new DataService(store);
        EntityValue customer = FieldService.customer(new UUID(0xf0L, n), "fuzz " + n);
        service.createEntity(customer);
        EntityValue wo = FieldService.workOrder("F" + n + " new").setValue("Priority", 2);
        wo.bindEntity("Customer", customer);
        service.createEntity(wo);
        service.createRelatedEntity(FieldService.task(1, "first task of F" + n), wo, "Tasks");
        EntityValue existing = service.loadEntity("WorkOrders(1)");
        service.updateEntity(existing.setValue("Title", "F" + n + " changed"));
        service.deleteEntity(service.loadEntity("Tasks(WorkOrderId=2,LineNo=1)"));
    }

    /** Changes made on the back end by another client, so that the next download's delta holds changed and removed entities. */
    private static void serverChanges(int n) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI root = backend.serviceRoot();
        send(http, HttpRequest.newBuilder(root.resolve("WorkOrders(3)")).header("Content-Type", "application/json")
                .header("If-Match", "*").method("PATCH", HttpRequest.BodyPublishers.ofString("{\"Title\":\"server " + n
                        + "\"}")).build());
        send(http, HttpRequest.newBuilder(root.resolve("Tasks(WorkOrderId=4,LineNo=1)")).header("If-Match", "*")
                .DELETE().build());
        send(http, HttpRequest.newBuilder(root.resolve("WorkOrders")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"Title\":\"S" + n + " by the server\"}")).build());
    }

    private static void send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(request.method() + " " + request.uri() + ": " + r.statusCode() + " " + r.body());
        }
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }
}
