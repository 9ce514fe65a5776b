package dev.outpost.examples.app;

import dev.outpost.OfflineStore;
import dev.outpost.SyncListener;
import dev.outpost.UploadResult;
import dev.outpost.examples.app.field.FieldService;
import dev.outpost.examples.app.field.Task;
import dev.outpost.examples.app.field.WorkOrder;
import dev.outpost.examples.app.field.WorkOrderStatus;
import dev.outpost.examples.backend.BackendOptions;
import dev.outpost.examples.backend.FieldServiceBackend;
import dev.outpost.examples.backend.Seed;
import dev.outpost.query.DataQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.outpost.examples.app.GettingStartedSamples.createOrder;
import static dev.outpost.examples.app.GettingStartedSamples.download;
import static dev.outpost.examples.app.GettingStartedSamples.keepMine;
import static dev.outpost.examples.app.GettingStartedSamples.openStore;
import static dev.outpost.examples.app.GettingStartedSamples.orderWithTasks;
import static dev.outpost.examples.app.GettingStartedSamples.printRequestQueue;
import static dev.outpost.examples.app.GettingStartedSamples.printingListener;
import static dev.outpost.examples.app.GettingStartedSamples.startWork;
import static dev.outpost.examples.app.GettingStartedSamples.typoThenUndo;
import static dev.outpost.examples.app.GettingStartedSamples.uploadAndFollow;
import static dev.outpost.examples.app.GettingStartedSamples.openOrders;
import static org.assertj.core.api.Assertions.assertThat;

/** The guide's code, run in the guide's order against the example back end: it does what the guide says. */
class GettingStartedSamplesTest {

    static FieldServiceBackend backend;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        backend = FieldServiceBackend.start(BackendOptions.defaults());
        backend.seed(Seed.workOrders(20).withTasksPerWorkOrder(2));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void fromTheFirstDownloadToAResolvedConflict() {
        String root = backend.serviceRoot().toString();
        try (OfflineStore store = openStore(dir.resolve("field.db"), root, printingListener())) {
            FieldService service = new FieldService(store);
            download(store);
            List<WorkOrder> mine = service.fetchWorkOrders();
            assertThat(mine).hasSize(4).allSatisfy(o -> assertThat(o.getTechnicianId()).isEqualTo(2));
            assertThat(service.fetchTasks()).hasSize(8);

            List<WorkOrder> open = openOrders(service);
            assertThat(open).extracting(WorkOrder::getId).containsExactlyElementsOf(mine.stream()
                    .filter(o -> o.getStatus() != WorkOrderStatus.DONE && o.getPriority() <= 3)
                    .sorted(java.util.Comparator.comparing(WorkOrder::getPriority).thenComparing(WorkOrder::getId))
                    .map(WorkOrder::getId).toList());
            assertThat(open).isNotEmpty().allSatisfy(o -> assertThat(o.getTasks()).hasSize(2));

            WorkOrder created = createOrder(service);
            String offlineLink = created.readLink();
            assertThat(offlineLink).startsWith("WorkOrders($lid=");
            assertThat(created.getId()).isNull();

            long id = mine.get(0).getId();
            startWork(service, id);
            assertThat(service.fetchTasks(DataQuery.options().filter(Task.WORK_ORDER_ID.eq(id)))).hasSize(1);
            WorkOrder inspection = orderWithTasks(service);
            assertThat(service.fetchTasks(DataQuery.options().filter(Task.DESCRIPTION.eq("Check the valves"))))
                    .hasSize(1);

            long queued = queueLength(service);
            WorkOrder other = service.fetchWorkOrdersByKey(mine.get(1).getId());
            String title = other.getTitle();
            typoThenUndo(service, other);
            assertThat(queueLength(service)).isEqualTo(queued);
            assertThat(service.fetchWorkOrdersByKey(other.getId()).getTitle()).isEqualTo(title);
            assertThat(printed(() -> printRequestQueue(service))).isEqualTo(guideOutput("queue"));

            WorkOrder uploaded = uploadAndFollow(store, service, offlineLink);
            assertThat(uploaded.getId()).isEqualTo(21L);
            assertThat(uploaded.getTitle()).isEqualTo("Replace pump");
            assertThat(store.isRequestQueueEmpty()).isTrue();
            assertThat(backend.database().count("WorkOrders")).isEqualTo(22);
            assertThat(backend.database().count("Tasks")).isEqualTo(40 - 1 + 1);
            assertThat(backend.database().count("WorkOrders", "Title = ? AND CustomerId IS NOT NULL", "Replace pump"))
                    .isEqualTo(1);
            long inspectionId = ((WorkOrder) service.loadEntity(inspection.readLink())).getId();
            assertThat(backend.database().count("Tasks", "WorkOrderId = ?", inspectionId)).isEqualTo(1);
            assertThat(backend.database().count("WorkOrders", "Id = ? AND Status = 2", id)).isEqualTo(1);

            try (OfflineStore device = openStore(dir.resolve("other.db"), root, new SyncListener() {
            })) {
                device.download().join();
                FieldService theirs = new FieldService(device);
                WorkOrder order = theirs.fetchWorkOrdersByKey(id);
                order.setTitle("Changed on the other device");
                theirs.updateInWorkOrders(order);
                assertThat(device.upload().join().succeeded()).isEqualTo(1);
            }
            WorkOrder order = service.fetchWorkOrdersByKey(id);
            order.setTitle("Changed on this device");
            service.updateInWorkOrders(order);
            UploadResult conflict = store.upload().join();
            assertThat(conflict.failed()).isEqualTo(1);

            keepMine(store, service);
            assertThat(store.isRequestQueueEmpty()).isTrue();
            assertThat(service.executeQuery(DataQuery.parse("ErrorArchive")).entities()).isEmpty();
            assertThat(backend.database().query("SELECT Title FROM WorkOrders WHERE Id = ?", id).get(0))
                    .containsEntry("Title", "Changed on this device");
        }
    }

    /** What the code prints to standard output. */
    private static String printed(Runnable code) {
        PrintStream before = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            code.run();
        } finally {
            System.setOut(before);
        }
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    /** The output the guide shows in the block after {@code <!-- output: name -->}. */
    private static String guideOutput(String name) {
        Path guide = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("../../docs/getting-started.md");
        try {
            Matcher m = Pattern.compile("<!-- output: " + name + " -->\n```\n(.*?)```", Pattern.DOTALL)
                    .matcher(Files.readString(guide, StandardCharsets.UTF_8));
            assertThat(m.find()).as("an output block '" + name + "' in " + guide).isTrue();
            return m.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long queueLength(FieldService service) {
        return service.executeQuery(DataQuery.parse("RequestQueue")).entities().size();
    }
}
