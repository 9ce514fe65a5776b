package dev.outpost.crash;

import dev.outpost.testing.Fuzz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R1, local writes: children that make local changes are killed with SIGKILL at 200 random
 * points (in chains of 20 on one store file), and after each kill the reopened store holds
 * every acknowledged change, the in-flight one entirely or not at all, a request queue that
 * replays to exactly the local state, and passes {@code PRAGMA integrity_check}.
 *
 * <p>Properties: {@code -Doutpost.fuzz.cases.crash=N} kills (or {@code -Doutpost.fuzz.scale=F}
 * for N = 200 F), {@code -Doutpost.fuzz.seed=S}, {@code -Doutpost.crash.parallel=P} chains at
 * once (default 2), {@code -Doutpost.crash.killsPerChain=K} (default 20). A failing chain's
 * files are kept in {@code target/crash-failures}.
 */
class LocalWritesCrashTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedLocalWriteSurvivesSigkill() throws Exception {
        CrashHarness.Settings settings = new CrashHarness.Settings(Fuzz.cases("crash", 200),
                Integer.getInteger("outpost.crash.killsPerChain", 20), 40, Integer.getInteger("outpost.crash.parallel", 2),
                Fuzz.seed(), dir, Path.of("target", "crash-failures"));
        CrashHarness.Report report = new CrashHarness(LocalWritesScenario.class, settings).run();
        System.out.println("crash: " + report);
        assertThat(report.kills()).isEqualTo(settings.kills());
        assertThat(report.stepsCommitted()).isPositive();
    }
}
