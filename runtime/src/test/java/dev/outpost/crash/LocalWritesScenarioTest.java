package dev.outpost.crash;

import dev.outpost.OfflineStore;
import dev.outpost.StoreOptions;
import dev.outpost.testing.Fuzz;
import dev.outpost.testing.LocalStateCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The crash scenario's steps without crashes: after every step, local state is exactly server
 * state plus the request queue replayed (invariant 3). A failure here is a store bug, not a
 * durability one, and is found in milliseconds instead of by killing processes.
 */
class LocalWritesScenarioTest {

    @TempDir
    Path dir;

    @Test
    void localStateIsServerStatePlusTheQueueAfterEveryStep() throws Exception {
        Fuzz.run("crash-steps", 10, (random, chain) -> {
            long seed = random.nextLong();
            LocalWritesScenario scenario = new LocalWritesScenario();
            Path chainDir = dir.resolve("chain-" + chain);
            java.nio.file.Files.createDirectories(chainDir);
            List<String> done = new ArrayList<>();
            try (OfflineStore store = OfflineStore.open(StoreOptions.of(chainDir.resolve("store.db"), scenario.model()))) {
                scenario.setUp(chainDir, seed);
                scenario.initialize(store);
                for (int n = 0; n < 150; n++) {
                    done.add(n + ": " + scenario.step(store, CrashHarness.random(seed, n), n));
                    try {
                        LocalStateCheck.assertReplayable(store, scenario.rebuildProbe());
                    } catch (AssertionError e) {
                        throw new AssertionError("after the steps\n" + String.join("\n", done) + "\n" + e.getMessage(), e);
                    }
                }
            } finally {
                scenario.tearDown();
            }
        });
    }
}
