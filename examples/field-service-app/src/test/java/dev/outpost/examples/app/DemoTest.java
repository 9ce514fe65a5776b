package dev.outpost.examples.app;

import dev.outpost.Resolution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo end to end, as the README's first command runs it, and its failure path. */
class DemoTest {

    @TempDir
    Path dir;

    @Test
    void theWholeOfflineCycleEndsWithEveryCheckHeld() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Demo.Settings defaults = Demo.Settings.defaults(dir, System.out);
        DemoSummary summary = Demo.run(new Demo.Settings(dir, defaults.workOrders(),
                new PrintStream(console, true, StandardCharsets.UTF_8), false));
        String output = console.toString(StandardCharsets.UTF_8);

        assertThat(summary.failedChecks()).isEmpty();
        assertThat(summary.passed()).isTrue();
        assertThat(summary.checks()).hasSize(11);
        long seeded = summary.seededWorkOrders();
        assertThat(summary.serverCounts()).containsEntry("WorkOrders", seeded + 2 - 1) // two created, one deleted
                .containsEntry("Tasks", seeded * 2 + 2 - 2) // two in the change set, the deleted order's two gone
                .containsEntry("Customers", 11L)
                .containsEntry("WorkOrders_Parts", seeded * 2 + 1 - 2);
        summary.deviceCounts().forEach((set, n) -> assertThat(summary.serverCounts()).containsEntry(set, n));
        assertThat(summary.downloadedEntities()).isEqualTo(seeded * 3 + 10 + 5 + 20);
        assertThat(summary.queuedOffline()).isEqualTo(10);
        assertThat(summary.undone()).isEqualTo(1);
        assertThat(summary.uploaded()).isEqualTo(10);
        assertThat(summary.offlineReadLinks()).hasSize(3);
        for (Map.Entry<String, String> link : summary.offlineReadLinks().entrySet()) {
            assertThat(link.getKey()).contains("($lid=");
            assertThat(link.getValue()).doesNotContain("$lid");
        }
        assertThat(summary.conflicts()).isEqualTo(1);
        assertThat(summary.resolution()).isEqualTo(Resolution.KEEP_LOCAL);
        assertThat(summary.finalTitle()).isEqualTo("Replace pump at Harbour Cafe - before 8:00");
        assertThat(summary.durations()).hasSize(9);
        assertThat(summary.total()).isLessThan(Duration.ofMinutes(1));

        assertThat(output).contains("[1/9] ", "[9/9] ", "Demo finished: every check held.")
                .contains("POST    WorkOrders($lid=", "PATCH   WorkOrders($lid=1)", "DELETE  WorkOrders($lid=2)")
                .contains("an upload now fails: cannot connect to http://127.0.0.1:")
                .contains(String.format(java.util.Locale.ROOT, "] 100%%  %,d / %,d entities",
                        summary.downloadedEntities(), summary.downloadedEntities()), "] 100%  10 / 10 requests")
                .contains("answered 412")
                .doesNotContain("CHECK FAILED");
        assertThat(dir.resolve("device-a.db")).exists();
        assertThat(dir.resolve("device-b.db")).exists();
    }

    @Test
    void aStepThatFailsEndsTheRunWithExitCode1AndNamesTheStep() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("occupied"), "a file where the work directory should be");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = Demo.exitCode(new String[] {notADirectory.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("Demo failed: step 1 (Start the back end and seed it) failed: ")
                .contains(notADirectory.toString());
    }

    @Test
    void aSummaryPassesOnlyWhenEveryCheckHeld() {
        DemoSummary.Check ok = new DemoSummary.Check("held", true, "");
        DemoSummary.Check broken = new DemoSummary.Check("did not hold", false, "2 instead of 1");
        assertThat(summary(ok).passed()).isTrue();
        assertThat(summary(ok, broken).passed()).isFalse();
        assertThat(summary(ok, broken).failedChecks()).containsExactly(broken);
        assertThat(summary().passed()).as("a run that checked nothing proves nothing").isFalse();
    }

    private static DemoSummary summary(DemoSummary.Check... checks) {
        return new DemoSummary(0, 0, 0, 0, 0, Map.of(), 0, Resolution.KEEP_LOCAL, "", Map.of(), Map.of(), Map.of(),
                Duration.ZERO, java.util.List.of(checks));
    }
}
