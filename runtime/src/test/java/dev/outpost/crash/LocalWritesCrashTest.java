package dev.outpost.crash;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R1, local writes: children that make local changes are killed with SIGKILL at 100 random
 * points (in chains of 20 on one store file), and after each kill the reopened store holds
 * every acknowledged change, the in-flight one entirely or not at all, a request queue that
 * replays to exactly the local state, and passes {@code PRAGMA integrity_check}.
 *
 * <p>Properties: {@code -Doutpost.crash.kills=N} kills per crash test (or {@code -Doutpost.fuzz.scale=F}
 * for N = 100 F), {@code -Doutpost.crash.seed=S}, {@code -Doutpost.crash.parallel=P} chains at
 * once (default 2), {@code -Doutpost.crash.killsPerChain=K} (default 20). A failing chain's
 * files are kept in {@code target/crash-failures}.
 */
class LocalWritesCrashTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedLocalWriteSurvivesSigkill() throws Exception {
        CrashHarness.Settings settings = new CrashHarness.Settings(CrashHarness.kills("crash", 100),
                Integer.getInteger("outpost.crash.killsPerChain", 20), 40, Integer.getInteger("outpost.crash.parallel", 2),
                CrashHarness.seed(), dir, Path.of("target", "crash-failures", "local"));
        CrashHarness.Report report = new CrashHarness(LocalWritesScenario.class, settings).run();
        System.out.println("crash: " + report);
        assertThat(report.kills()).isEqualTo(settings.kills());
        assertThat(report.stepsCommitted()).isPositive();
    }
}
