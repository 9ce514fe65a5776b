package dev.outpost.crash;

import dev.outpost.OfflineStore;
import dev.outpost.testing.Fuzz;
import dev.outpost.testing.LocalStateCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sync crash scenario's steps without crashes, in one process: after every step the store
 * holds what the plan says, the back end no duplicate, local state replays from server state and
 * the queue, and the chain ends converged. A failure here is a sync or scenario bug, found in
 * seconds instead of by killing processes.
 */
class SyncScenarioTest {

    @TempDir
    Path dir;

    @Test
    void everyStepLeavesWhatThePlanSays() throws Exception {
        Fuzz.run("crash-sync-steps", 3, (random, chain) -> {
            long seed = random.nextLong();
            SyncScenario scenario = new SyncScenario();
            Path chainDir = dir.resolve("chain-" + chain);
            Files.createDirectories(chainDir);
            List<String> done = new ArrayList<>();
            try {
                List<String> arguments = scenario.setUp(chainDir, seed);
                try (OfflineStore store = OfflineStore.open(scenario.options(chainDir.resolve("store.db"), arguments))) {
                    scenario.initialize(store);
                    scenario.open(store, arguments);
                    for (int n = 0; n < 60; n++) {
                        done.add(n + ": " + scenario.step(store, CrashHarness.random(seed, n), n));
                        try {
                            if (scenario.verify(store, n + 1, random) != n + 1) {
                                throw new AssertionError("the store holds one step more than was run");
                            }
                            LocalStateCheck.assertReplayable(store, scenario.rebuildProbe());
                        } catch (AssertionError e) {
                            throw new AssertionError("after the steps\n" + String.join("\n", done) + "\n" + e.getMessage(), e);
                        }
                    }
                    scenario.finish(store, 60);
                }
            } finally {
                scenario.tearDown();
            }
        });
    }
}
