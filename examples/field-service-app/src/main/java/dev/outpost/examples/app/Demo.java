package dev.outpost.examples.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.ChangeSet;
import dev.outpost.DefiningQuery;
import dev.outpost.DownloadResult;
import dev.outpost.EntityValue;
import dev.outpost.FailedRequest;
import dev.outpost.RequestOptions;
import dev.outpost.Resolution;
import dev.outpost.SyncException;
import dev.outpost.UploadResult;
import dev.outpost.examples.app.field.Customer;
import dev.outpost.examples.app.field.FieldMetadata;
import dev.outpost.examples.app.field.FieldService;
import dev.outpost.examples.app.field.Part;
import dev.outpost.examples.app.field.Task;
import dev.outpost.examples.app.field.Technician;
import dev.outpost.examples.app.field.WorkOrder;
import dev.outpost.examples.app.field.WorkOrderStatus;
import dev.outpost.examples.backend.BackendOptions;
import dev.outpost.examples.backend.FieldServiceBackend;
import dev.outpost.examples.backend.Seed;
import dev.outpost.model.ServiceModel;
import dev.outpost.query.DataQuery;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The demo of the whole offline cycle (E2), run by the README's first command: a field-service
 * back end on 127.0.0.1, a dispatcher's device that downloads, works offline while the back end
 * is down, and syncs; a technician's device that changes the same work order; the conflict and
 * its resolution; and a summary whose checks make the run fail when anything went wrong.
 *
 * <p>Every store access goes through the proxies the Outpost Maven plugin generated from the back
 * end's {@code $metadata} ({@link FieldService}, {@link WorkOrder}, ...); only the store's system
 * entity sets ({@code RequestQueue}, {@code ErrorArchive}) are read with the dynamic API.
 */
public final class Demo {

    /** How a run is set up. */
    public record Settings(Path workDirectory, long workOrders, PrintStream out, boolean redrawProgress) {

        public Settings {
            Objects.requireNonNull(workDirectory, "workDirectory");
            Objects.requireNonNull(out, "out");
            if (workOrders < 10) {
                throw new IllegalArgumentException("the demo needs at least 10 seeded work orders, not " + workOrders);
            }
        }

        /** 5,000 seeded work orders (with two tasks and two parts each); progress redrawn on a terminal. */
        public static Settings defaults(Path workDirectory, PrintStream out) {
            return new Settings(workDirectory, 5_000, out, System.console() != null);
        }
    }

    private static final int STEPS = 9;
    private static final int TASKS_PER_ORDER = 2;
    private static final int PARTS_PER_ORDER = 2;
    private static final int TECHNICIAN = 2;
    private static final String CUSTOMER_NAME = "Harbour Cafe";
    private static final String NEW_ORDER_TITLE = "Replace pump at Harbour Cafe";
    private static final String TITLE_FROM_B = "Replace pump and pressure valve";
    private static final String TITLE_FROM_A = "Replace pump at Harbour Cafe - before 8:00";

    private final Settings settings;
    private final PrintStream out;
    private final ProgressBar bar;
    private final ServiceModel model;
    private final Map<String, Duration> durations = new LinkedHashMap<>();
    private final List<DemoSummary.Check> checks = new ArrayList<>();
    private int step;

    private FieldServiceBackend backend;
    private int port;
    private Device dispatcher;
    private Device technician;

    private long downloaded;
    private long queuedOffline;
    private long undone;
    private long uploaded;
    private long conflicts;
    private long contestedId;
    private final Map<String, String> offlineLinks = new LinkedHashMap<>();
    private final Map<String, String> resolvedLinks = new LinkedHashMap<>();

    private Demo(Settings settings) {
        this.settings = settings;
        this.out = settings.out();
        this.bar = new ProgressBar(out, settings.redrawProgress());
        this.model = FieldMetadata.loadModel();
    }

    /**
     * Runs the demo and returns its summary; the back end and the stores are closed afterwards.
     *
     * @throws DemoFailure when a step fails, naming the step
     */
    public static DemoSummary run(Settings settings) throws DemoFailure {
        return new Demo(settings).run();
    }

    /** Runs the demo with the work files in the directory given as the first argument (default {@code target/demo}). */
    public static void main(String[] args) {
        System.exit(exitCode(args, System.out, System.err));
    }

    /** Runs the demo for {@link #main}: 0 when every check held, 1 with a message on the error stream otherwise. */
    static int exitCode(String[] args, PrintStream out, PrintStream err) {
        Path work = Path.of(args.length > 0 ? args[0] : "target/demo");
        try {
            DemoSummary summary = run(Settings.defaults(work, out));
            if (!summary.passed()) {
                err.println("Demo failed: " + summary.failedChecks().size() + " check(s) did not hold:");
                summary.failedChecks().forEach(c -> err.println("  - " + c.statement() + ": " + c.detail()));
                return 1;
            }
            return 0;
        } catch (DemoFailure | RuntimeException e) {
            out.flush();
            err.println("Demo failed: " + e.getMessage());
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                err.println("  caused by " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
            }
            return 1;
        }
    }

    private DemoSummary run() throws DemoFailure {
        long start = System.nanoTime();
        out.println("Outpost demo: an offline-first field-service app against an OData v4 back end");
        out.println("Work files in " + settings.workDirectory().toAbsolutePath().normalize());
        try {
            step("Start the back end and seed it", this::startBackend);
            step("Device A (dispatcher) opens a new store and downloads", this::firstDownload);
            step("The back end goes away; device A works offline", this::workOffline);
            step("The request queue; an upload without the back end", this::showQueue);
            step("The back end is back; device A uploads and downloads", this::syncAgain);
            step("readLinks taken offline still resolve", this::resolveOfflineLinks);
            step("Device B (technician " + TECHNICIAN + ") changes the new work order", this::secondDevice);
            step("Device A changes it too: conflict and resolution", this::conflict);
            step("Both devices download: the final state", this::finalState);
            Map<String, Long> server = serverCounts();
            Map<String, Long> device = deviceCounts(dispatcher);
            DemoSummary summary = new DemoSummary(settings.workOrders(), downloaded, queuedOffline, undone, uploaded,
                    resolvedLinks, conflicts, Resolution.KEEP_LOCAL, serverTitle(), server, device, durations,
                    Duration.ofNanos(System.nanoTime() - start), checks);
            printSummary(summary);
            return summary;
        } finally {
            closeQuietly();
        }
    }

    // ---- the steps -----------------------------------------------------------------------------

    private void startBackend() throws IOException {
        Path work = settings.workDirectory();
        Files.createDirectories(work);
        for (String file : List.of("server.db", "device-a.db", "device-b.db")) {
            for (String suffix : List.of("", "-wal", "-shm", "-journal")) {
                Files.deleteIfExists(work.resolve(file + suffix));
            }
        }
        backend = FieldServiceBackend.start(BackendOptions.defaults().withDatabaseFile(serverFile()));
        port = backend.serviceRoot().getPort();
        backend.seed(Seed.workOrders(settings.workOrders()).withTasksPerWorkOrder(TASKS_PER_ORDER)
                .withPartsPerWorkOrder(PARTS_PER_ORDER));
        say("back end at %s (Olingo, Jetty, SQLite file %s)", backend.serviceRoot(), serverFile().getFileName());
        say("seeded %,d work orders with %,d tasks, %d customers, %d technicians, %d parts",
                backend.database().count("WorkOrders"), backend.database().count("Tasks"),
                backend.database().count("Customers"), backend.database().count("Technicians"),
                backend.database().count("Parts"));
    }

    private void firstDownload() throws Exception {
        dispatcher = Device.open("device A", settings.workDirectory().resolve("device-a.db"), model,
                backend.serviceRoot(), List.of(
                        DefiningQuery.of("orders", "WorkOrders"),
                        DefiningQuery.of("tasks", "Tasks"),
                        DefiningQuery.of("customers", "Customers"),
                        DefiningQuery.of("technicians", "Technicians"),
                        DefiningQuery.of("parts", "Parts")), bar);
        say("store %s, schema version %d (from the packaged schema history), defining queries: orders,"
                + " tasks, customers, technicians, parts", dispatcher.store().file().getFileName(), dispatcher.store().schemaVersion());
        DownloadResult result = dispatcher.download(true);
        downloaded = result.entities();
        say("downloaded %,d entities in %,d pages in %s", result.entities(), result.pages(), seconds(result.duration()));
        long orders = dispatcher.count(FieldMetadata.WORK_ORDERS);
        long tasks = dispatcher.count(FieldMetadata.TASKS);
        say("device A now holds %,d work orders and %,d tasks", orders, tasks);
        check("the download brought every seeded work order and task",
                orders == settings.workOrders() && tasks == settings.workOrders() * TASKS_PER_ORDER,
                orders + " work orders, " + tasks + " tasks");
    }

    private void workOffline() throws Exception {
        backend.close();
        backend = null;
        say("back end stopped; from here on device A has no connection");
        FieldService service = dispatcher.service();

        Customer customer = new Customer();
        customer.setId(UUID.randomUUID());
        customer.setName(CUSTOMER_NAME);
        customer.setEmail("orders@harbour-cafe.example");
        service.createInCustomers(customer);
        say("created customer %s (client key: a GUID the app chose)", customer.readLink());

        WorkOrder order = new WorkOrder();
        order.setTitle(NEW_ORDER_TITLE);
        order.setPriority(2);
        order.setStatus(WorkOrderStatus.NEW);
        service.createInWorkOrders(order);
        offlineLinks.put(FieldMetadata.WORK_ORDERS, order.readLink());
        say("created work order %s (no key yet: the server assigns it)", order.readLink());

        service.createLinkInWorkOrders(order, WorkOrder.CUSTOMER, customer);
        Technician tech = service.fetchTechniciansByKey(TECHNICIAN);
        service.createLinkInWorkOrders(order, WorkOrder.TECHNICIAN, tech);
        Part part = service.fetchPartsByKey("P-00001");
        service.createLinkInWorkOrders(order, WorkOrder.PARTS, part);
        say("linked it to the new customer, to %s and to part %s", tech.getName(), part.getPartNumber());

        WorkOrder first = service.fetchWorkOrdersByKey(1L);
        first.setStatus(WorkOrderStatus.IN_PROGRESS);
        first.setPriority(1);
        service.updateInWorkOrders(first);
        say("updated %s: status InProgress, priority 1", first.readLink());

        WorkOrder second = service.fetchWorkOrdersByKey(2L);
        service.deleteFromWorkOrders(second);
        say("deleted %s", second.readLink());

        WorkOrder inspection = new WorkOrder();
        inspection.setTitle("Yearly inspection at Harbour Cafe");
        inspection.setPriority(3);
        inspection.setStatus(WorkOrderStatus.SCHEDULED);
        Task valves = new Task();
        valves.setLineNo(1);
        valves.setDescription("Check the valves");
        Task filters = new Task();
        filters.setLineNo(2);
        filters.setDescription("Change the filters");
        service.applyChanges(new ChangeSet()
                .createEntity(inspection, FieldMetadata.WORK_ORDERS, RequestOptions.defaults())
                .createRelatedEntity(valves, inspection, WorkOrder.TASKS.name())
                .createRelatedEntity(filters, inspection, WorkOrder.TASKS.name()));
        offlineLinks.put(FieldMetadata.WORK_ORDERS + " (change set)", inspection.readLink());
        offlineLinks.put(FieldMetadata.TASKS + " (change set)", filters.readLink());
        say("change set: work order %s with tasks %s and %s, applied together or not at all",
                inspection.readLink(), valves.readLink(), filters.readLink());

        WorkOrder third = service.fetchWorkOrdersByKey(3L);
        String title = third.getTitle();
        third.setTitle("Oops: typed into the wrong work order");
        service.updateInWorkOrders(third);
        long before = dispatcher.pendingRequests();
        service.undoPendingChanges(third);
        long after = dispatcher.pendingRequests();
        undone = before - after;
        String restored = service.fetchWorkOrdersByKey(3L).getTitle();
        say("updated %s by mistake, then undid it: %d -> %d queued requests, title back to '%s'",
                third.readLink(), before, after, restored);
        check("undo took back the mistaken update", undone == 1 && title.equals(restored),
                undone + " request(s) undone, title '" + restored + "'");
    }

    private void showQueue() throws Exception {
        List<EntityValue> queue = dispatcher.requestQueue();
        queuedOffline = queue.size();
        TextTable table = new TextTable("#", "method", "URL", "change set", "body");
        for (EntityValue r : queue) {
            table.row(r.getValue("RequestID"), r.getValue("Method"), r.getValue("URL"), r.getValue("ChangeSet"),
                    r.getValue("Body"));
        }
        say("%d requests wait in device A's request queue, in upload order:", queue.size());
        table.lines(4).forEach(out::println);
        say("($lid=n) is the local entity ID of an entity; the upload puts the server's key or a Content-ID in its place");

        String refusal;
        try {
            dispatcher.store().upload().get(60, TimeUnit.SECONDS);
            refusal = null;
        } catch (ExecutionException e) {
            refusal = e.getCause() instanceof SyncException ? e.getCause().getMessage() : null;
            if (refusal == null) {
                throw e;
            }
        }
        long after = dispatcher.requestQueue().size();
        say("an upload now fails: %s", refusal);
        say("nothing is lost: %d requests still queued", after);
        check("an upload without the back end fails and keeps the queue", refusal != null && after == queuedOffline,
                after + " of " + queuedOffline + " requests still queued");
    }

    private void syncAgain() throws Exception {
        backend = FieldServiceBackend.start(BackendOptions.defaults().withDatabaseFile(serverFile()).withPort(port));
        say("back end restarted at %s on the same data file", backend.serviceRoot());
        UploadResult up = dispatcher.upload(true);
        uploaded = up.succeeded();
        say("upload: %d applied, %d rejected, %d held back, in %d round trip(s), %s", up.succeeded(), up.failed(),
                up.notSent(), up.roundTrips(), seconds(up.duration()));
        check("the back end applied every queued request", up.succeeded() == queuedOffline && up.failed() == 0
                && dispatcher.store().isRequestQueueEmpty(), up.succeeded() + " of " + queuedOffline + " applied");
        DownloadResult down = dispatcher.download(false);
        say("download: %,d entities in %d page(s), %d of %d defining queries by delta link, %s", down.entities(),
                down.pages(), down.delta(), down.definingQueries().size(), seconds(down.duration()));

        long seeded = settings.workOrders();
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("WorkOrders", seeded + 2 - 1);
        expected.put("Tasks", seeded * TASKS_PER_ORDER + 2 - TASKS_PER_ORDER);
        expected.put("Customers", 10L + 1);
        expected.put("WorkOrders_Parts", seeded * PARTS_PER_ORDER + 1 - PARTS_PER_ORDER);
        Map<String, Long> server = serverCounts();
        boolean same = expected.entrySet().stream().allMatch(e -> e.getValue().equals(server.get(e.getKey())));
        check("no entity lost or duplicated on the server", same
                        && backend.database().count("WorkOrders", "Title = ?", NEW_ORDER_TITLE) == 1,
                "expected " + expected + ", server has " + server);
    }

    private void resolveOfflineLinks() {
        TextTable table = new TextTable("taken offline", "resolves now to", "key", "title / description");
        for (Map.Entry<String, String> link : offlineLinks.entrySet()) {
            EntityValue entity = dispatcher.service().loadEntity(link.getValue());
            resolvedLinks.put(link.getValue(), entity.readLink());
            boolean isTask = entity instanceof Task;
            Object key = isTask ? ((Task) entity).getWorkOrderId() + "/" + ((Task) entity).getLineNo()
                    : ((WorkOrder) entity).getId();
            table.row(link.getValue(), entity.readLink(), key,
                    isTask ? ((Task) entity).getDescription() : ((WorkOrder) entity).getTitle());
        }
        table.lines(4).forEach(out::println);
        contestedId = dispatcher.service().fetchWorkOrders(
                        DataQuery.options().filter(WorkOrder.TITLE.eq(NEW_ORDER_TITLE)))
                .get(0).getId();
        boolean allResolved = resolvedLinks.values().stream().noneMatch(l -> l.contains("$lid"));
        check("readLinks taken offline resolve to server keys after upload", allResolved
                && resolvedLinks.size() == offlineLinks.size(), resolvedLinks.toString());
    }

    private void secondDevice() throws Exception {
        technician = Device.open("device B", settings.workDirectory().resolve("device-b.db"), model,
                backend.serviceRoot(), List.of(
                        DefiningQuery.of("my-orders", "WorkOrders?$filter=TechnicianId eq " + TECHNICIAN + "&$expand=Tasks"),
                        DefiningQuery.of("customers", "Customers")), bar);
        DownloadResult down = technician.download(true);
        say("device B downloaded %,d entities (its technician's work orders and the customers) in %s",
                down.entities(), seconds(down.duration()));
        WorkOrder mine = technician.service().fetchWorkOrdersByKey(contestedId);
        say("device B sees the dispatcher's new work order %s: '%s'", mine.readLink(), mine.getTitle());
        mine.setTitle(TITLE_FROM_B);
        mine.setStatus(WorkOrderStatus.IN_PROGRESS);
        technician.service().updateInWorkOrders(mine);
        UploadResult up = technician.upload(false);
        say("device B changed title and status and uploaded: %d applied, %d rejected", up.succeeded(), up.failed());
        check("device B's change reached the server", up.succeeded() == 1 && TITLE_FROM_B.equals(serverTitle()),
                "server title '" + serverTitle() + "'");
    }

    private void conflict() throws Exception {
        FieldService service = dispatcher.service();
        WorkOrder local = service.fetchWorkOrdersByKey(contestedId);
        WorkOrder base = service.fetchWorkOrdersByKey(contestedId);
        local.setTitle(TITLE_FROM_A);
        local.setPriority(1);
        service.updateInWorkOrders(local);
        say("device A, not having downloaded since, changes title and priority of %s and uploads", local.readLink());
        UploadResult up = dispatcher.upload(false);
        List<FailedRequest> failures = dispatcher.takeFailures();
        conflicts = failures.stream().filter(FailedRequest::conflict).count();
        say("upload: %d applied, %d rejected", up.succeeded(), up.failed());
        check("the upload met exactly one conflict", conflicts == 1 && up.failed() == 1, failures.toString());
        if (failures.isEmpty()) {
            return;
        }
        FailedRequest failure = failures.get(0);
        say("conflict: %s %s answered %d (%s)", failure.method(), failure.url(), failure.status(), failure.message());

        EntityValue archived = dispatcher.errorArchive().get(0);
        JsonNode server = new ObjectMapper().readTree((String) archived.getValue("ServerState"));
        TextTable table = new TextTable("property", "downloaded by A", "device A (local)", "server (from device B)");
        table.row("Title", base.getTitle(), local.getTitle(), server.path("Title").asText());
        table.row("Priority", base.getPriority(), local.getPriority(), server.path("Priority").asText());
        table.row("Status", base.getStatus().odataName(), local.getStatus().odataName(), server.path("Status").asText());
        table.lines(4).forEach(out::println);
        say("both changed Title, so the store cannot merge by itself; the app decides: keep device A's change");

        dispatcher.store().resolve(failure.errorId(), Resolution.KEEP_LOCAL);
        UploadResult again = dispatcher.upload(false);
        say("resolved with KEEP_LOCAL and uploaded again: %d applied, %d rejected (A's PATCH carries only Title and"
                + " Priority, so B's status stays)", again.succeeded(), again.failed());
        check("the conflict is resolved and nothing waits", again.succeeded() == 1 && again.failed() == 0
                        && dispatcher.errorArchive().isEmpty() && dispatcher.store().isRequestQueueEmpty(),
                again.succeeded() + " applied, " + dispatcher.errorArchive().size() + " error(s) left");
    }

    private void finalState() throws Exception {
        dispatcher.download(false);
        technician.download(false);
        WorkOrder a = dispatcher.service().fetchWorkOrdersByKey(contestedId);
        WorkOrder b = technician.service().fetchWorkOrdersByKey(contestedId);
        Map<String, Object> row = backend.database().query(
                "SELECT Title, Priority, Status FROM WorkOrders WHERE Id = ?", contestedId).get(0);
        WorkOrderStatus serverStatus = WorkOrderStatus.values()[((Number) row.get("Status")).intValue()];
        TextTable table = new TextTable("where", "title", "priority", "status");
        table.row("server", row.get("Title"), row.get("Priority"), serverStatus.odataName());
        table.row("device A", a.getTitle(), a.getPriority(), a.getStatus().odataName());
        table.row("device B", b.getTitle(), b.getPriority(), b.getStatus().odataName());
        table.lines(4).forEach(out::println);
        boolean agree = TITLE_FROM_A.equals(row.get("Title")) && TITLE_FROM_A.equals(a.getTitle())
                && TITLE_FROM_A.equals(b.getTitle()) && ((Number) row.get("Priority")).intValue() == 1
                && a.getPriority() == 1 && b.getPriority() == 1 && serverStatus == WorkOrderStatus.IN_PROGRESS
                && a.getStatus() == WorkOrderStatus.IN_PROGRESS && b.getStatus() == WorkOrderStatus.IN_PROGRESS;
        check("server and both devices agree: A's title and priority, B's status", agree, row.toString());
        Map<String, Long> server = serverCounts();
        Map<String, Long> device = deviceCounts(dispatcher);
        boolean same = device.entrySet().stream().allMatch(e -> e.getValue().equals(server.get(e.getKey())));
        check("device A holds exactly what the server holds", same, "device A " + device + ", server " + server);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private void step(String title, Step work) throws DemoFailure {
        step++;
        out.println();
        out.printf(Locale.ROOT, "[%d/%d] %s%n", step, STEPS, title);
        long start = System.nanoTime();
        try {
            work.run();
        } catch (Exception e) {
            throw new DemoFailure("step " + step + " (" + title + ") failed: " + describe(e), e);
        } finally {
            durations.put(title, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private void check(String statement, boolean passed, String detail) {
        checks.add(new DemoSummary.Check(statement, passed, detail));
        if (!passed) {
            say("CHECK FAILED: %s (%s)", statement, detail);
        }
    }

    private void say(String format, Object... args) {
        out.println("    " + String.format(Locale.ROOT, format, args));
    }

    private Path serverFile() {
        return settings.workDirectory().resolve("server.db");
    }

    private Map<String, Long> serverCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String set : List.of("WorkOrders", "Tasks", "Customers", "Technicians", "Parts", "WorkOrders_Parts")) {
            counts.put(set, backend.database().count(set));
        }
        return counts;
    }

    private static Map<String, Long> deviceCounts(Device device) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String set : List.of(FieldMetadata.WORK_ORDERS, FieldMetadata.TASKS, FieldMetadata.CUSTOMERS,
                FieldMetadata.TECHNICIANS, FieldMetadata.PARTS)) {
            counts.put(set, device.count(set));
        }
        return counts;
    }

    private String serverTitle() {
        return (String) backend.database().query("SELECT Title FROM WorkOrders WHERE Id = ?", contestedId).get(0)
                .get("Title");
    }

    private void printSummary(DemoSummary s) {
        out.println();
        out.println("Summary");
        say("back end seeded with %,d work orders; device A downloaded %,d entities", s.seededWorkOrders(),
                s.downloadedEntities());
        say("offline: %d requests queued (%d undone), %d applied on upload; readLinks taken offline resolved: %d",
                s.queuedOffline(), s.undone(), s.uploaded(), s.offlineReadLinks().size());
        say("conflicts: %d, resolved with %s; final title '%s'", s.conflicts(), s.resolution(), s.finalTitle());
        say("server holds %s", s.serverCounts());
        TextTable steps = new TextTable("step", "took");
        s.durations().forEach((name, d) -> steps.row(name, seconds(d)));
        steps.row("total", seconds(s.total()));
        steps.lines(4).forEach(out::println);
        TextTable checked = new TextTable("check", "result");
        s.checks().forEach(c -> checked.row(c.statement(), c.passed() ? "ok" : "FAILED: " + c.detail()));
        checked.lines(4).forEach(out::println);
        out.println(s.passed() ? "Demo finished: every check held." : "Demo finished with failed checks.");
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private void closeQuietly() {
        Map<String, AutoCloseable> open = new LinkedHashMap<>();
        open.put("device B's store", technician);
        open.put("device A's store", dispatcher);
        open.put("the back end", backend);
        open.forEach((name, c) -> {
            if (c == null) {
                return;
            }
            try {
                c.close();
            } catch (Exception e) {
                out.println("    (closing " + name + " failed: " + describe(e) + ")");
            }
        });
    }
}
