package dev.outpost.crash;

import dev.outpost.DataService;
import dev.outpost.EntityValue;
import dev.outpost.OfflineStore;
import dev.outpost.StoreOptions;
import dev.outpost.SyncOptions;
import dev.outpost.UploadResult;
import dev.outpost.examples.backend.BackendDatabase;
import dev.outpost.examples.backend.BackendOptions;
import dev.outpost.examples.backend.FieldServiceBackend;
import dev.outpost.examples.backend.Seed;
import dev.outpost.model.ServiceModel;
import dev.outpost.query.DataQuery;
import dev.outpost.testing.FieldService;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Local writes, uploads and downloads against the example back end, under SIGKILL. The back end
 * runs in the parent (one per chain, on an ephemeral port of 127.0.0.1; every other chain has
 * repeatability headers off, so lost answers are settled by GETs), the children sync against it.
 * The steps ({@link SyncPlan}) create, update and delete work orders (server-chosen keys, some
 * bound to customers), create and update customers (client-chosen keys) and create tasks under
 * work orders (related creates), between uploads and downloads.
 *
 * <p>After each kill: the store holds exactly what the acknowledged writes made (the in-flight
 * write entirely or not at all), whatever upload or download was cut off; the back end holds no
 * duplicate of any marker and nothing no step made; and now and then (always after the chain's
 * last kill) an upload and a download in the parent leave an empty queue, no rejected request,
 * and a store and a back end that both hold exactly what the steps made.
 */
public final class SyncScenario implements CrashScenario {

    /** A seeded customer no step touches; undoing its (no) changes rebuilds local state. */
    static final String PROBE = "Customers(" + new UUID(0x5eedL, 1) + ")";
    private static final int TIMEOUT_SECONDS = 60;

    private FieldServiceBackend backend;
    private long seed;
    private SyncPlan plan;

    @Override
    public ServiceModel model() {
        return FieldService.model();
    }

    @Override
    public String rebuildProbe() {
        return PROBE;
    }

    @Override
    public String kind(long chainSeed, int number) {
        return SyncPlan.kind(chainSeed, number);
    }

    @Override
    public List<String> killKinds() {
        return List.of("write", "upload", "download");
    }

    @Override
    public StoreOptions options(Path file, List<String> arguments) {
        return StoreOptions.of(file, model()).sync(SyncOptions.of(arguments.get(0))
                .definingQuery("orders", "WorkOrders").definingQuery("customers", "Customers")
                .definingQuery("tasks", "Tasks"));
    }

    // ---- the parent ------------------------------------------------------------------------------

    @Override
    public List<String> setUp(Path dir, long chainSeed) {
        backend = FieldServiceBackend.start(BackendOptions.defaults().withRepeatability((chainSeed & 1) == 0));
        backend.seed(Seed.workOrders(0).withCustomers(3));
        seed = chainSeed;
        return List.of(backend.serviceRoot().toString(), Long.toString(chainSeed));
    }

    @Override
    public void initialize(OfflineStore store) throws Exception {
        store.download().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public int verify(OfflineStore store, int acknowledged, Random random) throws Exception {
        TreeSet<String> local = local(store);
        SyncPlan before = SyncPlan.after(seed, acknowledged);
        int now;
        if (local.equals(before.expected())) {
            now = acknowledged;
        } else {
            SyncPlan.Op inFlight = before.next();
            if (!local.equals(before.expected())) {
                throw new AssertionError("the store holds neither what the " + acknowledged + " acknowledged steps made"
                        + " nor that and step " + acknowledged + " (" + inFlight + "):\n"
                        + difference(SyncPlan.after(seed, acknowledged).expected(), local)
                        + "compared with the state after step " + acknowledged + ":\n" + difference(before.expected(), local));
            }
            now = acknowledged + 1;
        }
        checkBackend(now);
        if (random.nextInt(3) == 0) {
            converge(store, now);
        }
        return now;
    }

    @Override
    public void finish(OfflineStore store, int committed) throws Exception {
        converge(store, committed);
    }

    @Override
    public void tearDown() {
        if (backend != null) {
            backend.close();
        }
    }

    private void checkBackend(int steps) {
        checkBackend(backend.database(), steps);
    }

    /** No marker twice on the back end, and no marker no step up to {@code steps} made. */
    public static void checkBackend(BackendDatabase database, int steps) {
        List<Map<String, Object>> twice = database.query("SELECT Title AS m, count(*) AS n FROM WorkOrders"
                + " GROUP BY Title HAVING count(*) > 1 UNION ALL SELECT Description, count(*) FROM Tasks"
                + " GROUP BY Description HAVING count(*) > 1");
        if (!twice.isEmpty()) {
            throw new AssertionError("the back end holds duplicates: " + twice);
        }
        for (Map<String, Object> row : database.query("SELECT Title AS m FROM WorkOrders UNION ALL"
                + " SELECT Description FROM Tasks")) {
            String marker = (String) row.get("m");
            if (Integer.parseInt(marker.substring(1)) >= steps) {
                throw new AssertionError("the back end holds " + marker + ", which no step up to " + steps + " made");
            }
        }
    }

    /** An upload and a download: nothing rejected, nothing left queued, store and back end hold what the steps made. */
    private void converge(OfflineStore store, int steps) throws Exception {
        UploadResult up = store.upload().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (up.failed() > 0 || up.notSent() > 0) {
            throw new AssertionError("the upload after the kill was refused: " + up + "; error archive: "
                    + new DataService(store).executeQuery(DataQuery.parse("ErrorArchive")).entities());
        }
        store.download().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!store.isRequestQueueEmpty()) {
            throw new AssertionError("requests are still queued after an upload: "
                    + new DataService(store).executeQuery(DataQuery.parse("RequestQueue")).entities());
        }
        TreeSet<String> expected = SyncPlan.after(seed, steps).expected();
        TreeSet<String> server = server();
        if (!server.equals(expected)) {
            throw new AssertionError("after an upload the back end does not hold what the " + steps + " steps made:\n"
                    + difference(expected, server));
        }
        TreeSet<String> local = local(store);
        if (!local.equals(expected)) {
            throw new AssertionError("after an upload and a download the store does not hold what the " + steps
                    + " steps made:\n" + difference(expected, local));
        }
        checkBackend(steps);
    }

    private TreeSet<String> server() {
        return server(backend.database());
    }

    /** What a back end holds of the entities plan steps make, in {@link SyncPlan#expected()}'s form. */
    public static TreeSet<String> server(BackendDatabase database) {
        TreeSet<String> out = new TreeSet<>();
        for (Map<String, Object> r : database.query("SELECT Title, Priority, Description, CustomerId"
                + " FROM WorkOrders")) {
            out.add(SyncPlan.order(r.get("Title"), r.get("Priority"), r.get("Description"), r.get("CustomerId")));
        }
        for (Map<String, Object> r : database.query("SELECT Id, Name FROM Customers WHERE Id LIKE ?",
                new UUID(SyncPlan.CREATED, 0).toString().substring(0, 18) + "%")) {
            out.add(SyncPlan.customer(r.get("Id"), r.get("Name")));
        }
        for (Map<String, Object> r : database.query("SELECT t.Description, w.Title, t.Done FROM Tasks t"
                + " LEFT JOIN WorkOrders w ON w.Id = t.WorkOrderId")) {
            Object done = r.get("Done");
            out.add(SyncPlan.task(r.get("Description"), r.get("Title"), done instanceof Number d ? d.intValue() != 0 : done));
        }
        return out;
    }

    /** What a store holds of the entities plan steps make, in {@link SyncPlan#expected()}'s form. */
    public static TreeSet<String> local(OfflineStore store) {
        DataService service = new DataService(store);
        TreeSet<String> out = new TreeSet<>();
        for (EntityValue wo : service.executeQuery(DataQuery.parse("WorkOrders?$expand=Customer")).entities()) {
            EntityValue c = wo.getRelated("Customer");
            out.add(SyncPlan.order(wo.getValue("Title"), wo.getValue("Priority"), wo.getValue("Description"),
                    c == null ? null : c.getValue("Id")));
        }
        for (EntityValue c : service.executeQuery(DataQuery.parse("Customers")).entities()) {
            if (((UUID) c.getValue("Id")).getMostSignificantBits() == SyncPlan.CREATED) {
                out.add(SyncPlan.customer(c.getValue("Id"), c.getValue("Name")));
            }
        }
        for (EntityValue t : service.executeQuery(DataQuery.parse("Tasks?$expand=WorkOrder")).entities()) {
            EntityValue wo = t.getRelated("WorkOrder");
            out.add(SyncPlan.task(t.getValue("Description"), wo == null ? null : wo.getValue("Title"), t.getValue("Done")));
        }
        return out;
    }

    /** What is missing and what is unexpected, for failure messages. */
    public static String difference(TreeSet<String> expected, TreeSet<String> actual) {
        TreeSet<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        TreeSet<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        return "  missing: " + missing + "\n  unexpected: " + extra + "\n";
    }

    // ---- the steps (child) -----------------------------------------------------------------------

    @Override
    public void open(OfflineStore store, List<String> arguments) {
        seed = Long.parseLong(arguments.get(1));
    }

    @Override
    public String step(OfflineStore store, Random random, int number) throws Exception {
        if (plan == null || plan.steps() > number) {
            plan = SyncPlan.after(seed, number);
        }
        while (plan.steps() < number) {
            plan.next();
        }
        return apply(store, plan.next());
    }

    /**
     * Does what a step of the plan says to the store: a local write, or an upload or a download
     * (which must succeed, and leave no request rejected).
     */
    public static String apply(OfflineStore store, SyncPlan.Op op) throws Exception {
        DataService service = new DataService(store);
        if (op instanceof SyncPlan.Upload) {
            UploadResult result = store.upload().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (result.failed() > 0 || result.notSent() > 0) {
                throw new IllegalStateException("the back end refused requests: " + result + "; "
                        + service.executeQuery(DataQuery.parse("ErrorArchive")).entities());
            }
            return "upload: " + result;
        } else if (op instanceof SyncPlan.Download) {
            return "download: " + store.download().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } else if (op instanceof SyncPlan.Nothing nothing) {
            return nothing.why();
        } else if (op instanceof SyncPlan.CreateOrder c) {
            EntityValue wo = FieldService.workOrder(c.title()).setValue("Priority", c.priority())
                    .setValue("Description", c.description());
            if (c.customer() != null) {
                wo.bindEntity("Customer", service.loadEntity("Customers(" + c.customer() + ")"));
            }
            service.createEntity(wo);
        } else if (op instanceof SyncPlan.UpdateOrder u) {
            EntityValue wo = order(service, u.title());
            service.updateEntity(wo.setValue("Priority", u.priority()).setValue("Description", u.description()));
        } else if (op instanceof SyncPlan.DeleteOrder d) {
            service.deleteEntity(order(service, d.title()));
        } else if (op instanceof SyncPlan.CreateCustomer c) {
            service.createEntity(FieldService.customer(c.id(), c.name()));
        } else if (op instanceof SyncPlan.UpdateCustomer u) {
            service.updateEntity(service.loadEntity("Customers(" + u.id() + ")").setValue("Name", u.name()));
        } else if (op instanceof SyncPlan.CreateTask t) {
            service.createRelatedEntity(FieldService.task(t.lineNo(), t.description()), order(service, t.order()),
                    "Tasks");
        } else if (op instanceof SyncPlan.UpdateTask t) {
            List<EntityValue> found = service.executeQuery(DataQuery.parse("Tasks?$filter=Description eq '"
                    + t.description() + "'")).entities();
            if (found.size() != 1) {
                throw new IllegalStateException(found.size() + " tasks " + t.description() + " in the store");
            }
            service.updateEntity(found.get(0).setValue("Done", t.done()));
        }
        return op.toString();
    }

    private static EntityValue order(DataService service, String title) {
        List<EntityValue> found = service.executeQuery(DataQuery.parse("WorkOrders?$filter=Title eq '" + title + "'"))
                .entities();
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " work orders " + title + " in the store");
        }
        return found.get(0);
    }
}
