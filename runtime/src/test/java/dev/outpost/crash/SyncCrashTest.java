package dev.outpost.crash;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R1, sync: children that write locally, upload and download against the example back end are
 * killed with SIGKILL at 100 random points (in chains of 15 on one store file and one back end; a
 * third each in local writes, uploads and downloads), and after each kill the reopened store holds
 * every acknowledged write, the back end holds no duplicate, {@code PRAGMA integrity_check} passes, the queue replays to exactly the local state,
 * and (after a third of the kills, and after each chain) an upload and a download converge to
 * the back end's state ({@link SyncScenario}).
 *
 * <p>Properties: {@code -Doutpost.crash.kills=N} kills per crash test, {@code -Doutpost.crash.seed=S},
 * {@code -Doutpost.crash.parallel=P} chains at once (default 2), {@code -Doutpost.crash.killsPerChain=K}.
 * A failing chain's files are kept in {@code target/crash-failures}.
 */
class SyncCrashTest {

    @TempDir
    Path dir;

    @Test
    void noAcknowledgedWriteIsLostAndNothingIsDuplicatedUnderSigkill() throws Exception {
        CrashHarness.Settings settings = new CrashHarness.Settings(CrashHarness.kills("crash-sync", 100),
                Integer.getInteger("outpost.crash.killsPerChain", 15), 16, Integer.getInteger("outpost.crash.parallel", 2),
                CrashHarness.seed(), dir, Path.of("target", "crash-failures", "sync"));
        CrashHarness.Report report = new CrashHarness(SyncScenario.class, settings).run();
        System.out.println("crash (sync): " + report);
        assertThat(report.kills()).isEqualTo(settings.kills());
        assertThat(report.stepsCommitted()).isPositive();
    }
}
