package dev.outpost.crash;

import dev.outpost.OfflineStore;
import dev.outpost.testing.Fuzz;
import dev.outpost.testing.LocalStateCheck;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@link CrashScenario} in child JVMs and kills them with SIGKILL at random points
 * ({@link ProcessHandle#destroyForcibly()} is SIGKILL on Linux), then reopens the store in this JVM
 * and checks it: it opens, {@code PRAGMA integrity_check} is ok, recomputing local state from
 * server state and the request queue changes nothing (the scenario's rebuild probe), and the
 * scenario's own verdict on what the acknowledged steps promise.
 *
 * <p>Kills are grouped in chains: a chain is one store file that one child after another opens,
 * works on and dies in, so recovery after a crash is itself crashed into. A kill lands in a
 * chosen step (spread evenly over the scenario's {@link CrashScenario#killKinds() kinds of step}),
 * a random time after the child announced it of up to 1.5 times the upper quartile of that kind's
 * durations (before, during or after its commit), or, now and then, while the child is still
 * opening the store (recovery). Which steps run is fixed by the seed; where exactly a kill lands
 * is not.
 *
 * <p>A child is a plain {@code java} process on this JVM's class path, prepared for a quick start
 * by {@link ChildJvm}.
 */
public final class CrashHarness {

    /**
     * How a run goes.
     *
     * @param kills how many children are killed in all
     * @param killsPerChain kills on one store file before a fresh one
     * @param stepsPerChild a kill lands in one of the first this many steps of a child
     * @param parallel how many chains run at once
     * @param seed the run's seed; chain {@code c} gets its own seed from it
     * @param workDir where chains keep their files
     * @param failures where a failing chain's store is copied for inspection
     */
    public record Settings(int kills, int killsPerChain, int stepsPerChild, int parallel, long seed, Path workDir,
                           Path failures) {
    }

    /**
     * What a run did.
     *
     * @param kills children killed
     * @param chains store files used
     * @param stepsCommitted steps that took effect, over all chains
     * @param duringOpen kills while the child was still opening (recovering) the store
     * @param committedUnacknowledged kills after a step committed but before it was acknowledged
     * @param inFlightRolledBack kills in a step that left no trace (before or during its transaction)
     */
    public record Report(int kills, int chains, int stepsCommitted, int duringOpen, int committedUnacknowledged,
                         int inFlightRolledBack, Map<String, Integer> byKind, long childStartMillis,
                         long verifyMillis, boolean sharedArchive) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d kills in %d chains, %d steps took effect; %d kills while opening the"
                            + " store, %d after a step committed and before its acknowledgement, %d in a step that had"
                            + " not taken effect; kills by kind of step %s; a child took %d ms to open the store (%s"
                            + " class-data archive), checking a kill %d ms (medians)", kills, chains, stepsCommitted,
                    duringOpen, committedUnacknowledged, inFlightRolledBack, byKind, childStartMillis,
                    sharedArchive ? "with a" : "without", verifyMillis);
        }
    }

    private final Class<? extends CrashScenario> scenario;
    private final Settings settings;
    private final AtomicInteger duringOpen = new AtomicInteger();
    private final AtomicInteger committedUnacknowledged = new AtomicInteger();
    private final AtomicInteger rolledBack = new AtomicInteger();
    private final AtomicInteger steps = new AtomicInteger();
    private final AtomicInteger kills = new AtomicInteger();
    private final Map<String, Integer> byKind = new TreeMap<>();
    private List<String> childCommand;
    private boolean sharedArchive;
    private final Median starts = new Median();
    private final Median checks = new Median();

    public CrashHarness(Class<? extends CrashScenario> scenario, Settings settings) {
        this.scenario = scenario;
        this.settings = settings;
    }

    /** The run's seed: {@code -Doutpost.crash.seed}, else {@code -Doutpost.fuzz.seed}, else the fixed default. */
    public static final String SEED = "outpost.crash.seed";
    /** How many kills each crash test makes: {@code -Doutpost.crash.kills} (else the suite's default times the fuzz scale). */
    public static final String KILLS = "outpost.crash.kills";

    /** The run's seed ({@link #SEED}). */
    public static long seed() {
        String s = System.getProperty(SEED);
        return s == null || s.isBlank() ? Fuzz.seed() : Long.parseLong(s.trim());
    }

    /** How many kills a crash test makes ({@link #KILLS}, else {@code Fuzz.cases(suite, defaultKills)}). */
    public static int kills(String suite, int defaultKills) {
        Integer k = Integer.getInteger(KILLS);
        return k != null ? k : Fuzz.cases(suite, defaultKills);
    }

    /** The random source of step {@code n} of a chain with this seed. */
    public static Random random(long chainSeed, int step) {
        return Fuzz.random(chainSeed, "crash-step", step);
    }

    /** Runs every chain; the first failing chain fails the run with an {@link AssertionError}. */
    public Report run() throws Exception {
        Files.createDirectories(settings.workDir());
        // a chain without kills whose child runs to its end: it records the class-data archive
        CrashScenario training = scenario.getDeclaredConstructor().newInstance();
        Path trainingDir = settings.workDir().resolve("training");
        Files.createDirectories(trainingDir);
        try {
            List<String> trainingArguments = setUpChain(training, trainingDir, 1);
            List<String> trainingCommand = new ArrayList<>(List.of(CrashChild.class.getName(), scenario.getName(),
                    trainingDir.resolve("store.db").toString(), "1", "0", "40"));
            trainingCommand.addAll(trainingArguments);
            ChildJvm jvm = ChildJvm.prepare(settings.workDir(), trainingCommand);
            childCommand = jvm.command();
            sharedArchive = jvm.archived();
        } finally {
            training.tearDown();
        }
        int chains = (settings.kills() + settings.killsPerChain() - 1) / settings.killsPerChain();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, settings.parallel()));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < chains; c++) {
                int chain = c;
                int chainKills = Math.min(settings.killsPerChain(), settings.kills() - c * settings.killsPerChain());
                running.add(pool.submit(() -> {
                    chain(chain, chainKills);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    pool.shutdownNow();
                    if (e.getCause() instanceof AssertionError a) {
                        throw a;
                    }
                    throw new AssertionError(e.getCause().toString(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Report(kills.get(), chains, steps.get(), duringOpen.get(), committedUnacknowledged.get(), rolledBack.get(),
                new TreeMap<>(byKind), starts.typical(0) / 1_000_000, checks.typical(0) / 1_000_000, sharedArchive);
    }

    // ---- one chain ---------------------------------------------------------------------------------

    /** Sets a chain's scenario up and creates its store; returns the arguments of the processes that open it. */
    private static List<String> setUpChain(CrashScenario scenario, Path dir, long chainSeed) throws Exception {
        List<String> arguments = scenario.setUp(dir, chainSeed);
        try (OfflineStore store = OfflineStore.open(scenario.options(dir.resolve("store.db"), arguments))) {
            scenario.initialize(store);
        }
        return arguments;
    }

    private void chain(int chain, int chainKills) throws Exception {
        long chainSeed = Fuzz.random(settings.seed(), "crash-chain", chain).nextLong();
        Random killer = Fuzz.random(settings.seed(), "crash-kills", chain);
        Path dir = settings.workDir().resolve("chain-" + chain);
        Files.createDirectories(dir);
        Path file = dir.resolve("store.db");
        CrashScenario parent = scenario.getDeclaredConstructor().newInstance();
        StepTimes times = new StepTimes();
        int committed = 0;
        int k = 0;
        try {
            List<String> arguments = setUpChain(parent, dir, chainSeed);
            for (; k < chainKills; k++) {
                boolean whileOpening = killer.nextInt(20) == 0;
                int target = committed + killer.nextInt(settings.stepsPerChild());
                List<String> kinds = parent.killKinds();
                if (!kinds.isEmpty()) {
                    // the next step of a kind chosen evenly: rare kinds (uploads) get their share of kills
                    String kind = kinds.get(killer.nextInt(kinds.size()));
                    int first = committed + killer.nextInt(Math.max(1, settings.stepsPerChild() / 2));
                    for (int s = first; s < first + 200; s++) {
                        if (kind.equals(parent.kind(chainSeed, s))) {
                            target = s;
                            break;
                        }
                    }
                }
                double fraction = killer.nextDouble() * 1.5;
                Kill kill;
                try {
                    kill = runChild(parent, dir, file, chainSeed, committed, arguments, whileOpening, target, fraction,
                            times);
                } catch (RuntimeException | IOException e) {
                    throw failure(chain, k, chainSeed, dir, "the child process failed: " + e.getMessage(), e);
                }
                kills.incrementAndGet();
                int acknowledged = committed + kill.acknowledged();
                long checking = System.nanoTime();
                int now;
                Random checker = new Random(killer.nextLong());
                try (OfflineStore store = OfflineStore.open(parent.options(file, arguments))) {
                    String integrity = store.integrityCheck();
                    if (!"ok".equals(integrity)) {
                        throw new AssertionError("PRAGMA integrity_check after the kill: " + integrity);
                    }
                    now = parent.verify(store, acknowledged, checker);
                    LocalStateCheck.assertReplayable(store, parent.rebuildProbe());
                } catch (AssertionError | Exception e) {
                    throw failure(chain, k, chainSeed, dir, "after kill " + k + " (" + kill + "), steps " + committed
                            + ".." + (acknowledged - 1) + " acknowledged: " + e.getMessage(), e);
                }
                synchronized (checks) {
                    checks.add(System.nanoTime() - checking);
                    byKind.merge(kill.ready() ? parent.kind(chainSeed, kill.target()) : "opening", 1, Integer::sum);
                }
                if (!kill.ready()) {
                    duringOpen.incrementAndGet();
                } else if (now > acknowledged) {
                    committedUnacknowledged.incrementAndGet();
                } else {
                    rolledBack.incrementAndGet();
                }
                committed = now;
            }
            try (OfflineStore store = OfflineStore.open(parent.options(file, arguments))) {
                parent.finish(store, committed);
            } catch (AssertionError | Exception e) {
                throw failure(chain, k, chainSeed, dir, "after the chain's last kill, " + committed + " steps taken: "
                        + e.getMessage(), e);
            }
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw failure(chain, k, chainSeed, dir, "the scenario failed: " + e, e);
        } finally {
            parent.tearDown();
        }
        steps.addAndGet(committed);
    }

    private AssertionError failure(int chain, int kill, long chainSeed, Path dir, String message, Throwable cause) {
        String kept = "";
        try {
            Path to = settings.failures().resolve("chain-" + chain + "-kill-" + kill);
            Files.createDirectories(to);
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.copy(p, to.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            kept = "; its files are kept in " + to.toAbsolutePath();
        } catch (IOException e) {
            kept = "; its files could not be kept: " + e.getMessage();
        }
        return new AssertionError(String.format(Locale.ROOT, "crash chain %d (run seed %d, chain seed %d) failed at"
                + " kill %d: %s%s; rerun the run with -D%s=%d", chain, settings.seed(), chainSeed, kill, message, kept,
                SEED, settings.seed()), cause);
    }

    // ---- one child ---------------------------------------------------------------------------------

    /** Where a kill landed: steps acknowledged by this child, whether it had opened the store. */
    private record Kill(int acknowledged, boolean ready, int target, String lastLine) {
        @Override
        public String toString() {
            return ready ? "in step " + target + ", last line '" + lastLine + "'" : "while opening the store";
        }
    }

    /** Median durations seen by the parent, to place kills inside steps and starts. */
    private static final class StepTimes {
        private final Map<String, Median> steps = new HashMap<>();
        private final Median starts = new Median();

        Median of(String kind) {
            return steps.computeIfAbsent(kind, k -> new Median());
        }
    }

    /** Quantiles of the last 64 durations. */
    private static final class Median {
        private final long[] recent = new long[64];
        private int count;

        void add(long nanos) {
            recent[count++ % recent.length] = nanos;
        }

        long typical(long otherwise) {
            return quantile(otherwise, 2);
        }

        /** The upper quartile: where a kill should reach into steps of very different lengths (empty and full uploads). */
        long upperQuartile(long otherwise) {
            return quantile(otherwise, 3);
        }

        private long quantile(long otherwise, int quarters) {
            if (count == 0) {
                return otherwise;
            }
            long[] copy = Arrays.copyOf(recent, Math.min(count, recent.length));
            Arrays.sort(copy);
            return copy[copy.length * quarters / 4];
        }
    }

    private Kill runChild(CrashScenario parent, Path dir, Path file, long chainSeed, int first, List<String> arguments,
                          boolean whileOpening, int target, double fraction, StepTimes times) throws IOException {
        List<String> command = new ArrayList<>(childCommand);
        // the child may run far past the target before the signal lands; it must not stop on its own
        command.addAll(List.of(CrashChild.class.getName(), scenario.getName(), file.toString(), Long.toString(chainSeed),
                Integer.toString(first), Integer.toString(target - first + 100_000)));
        command.addAll(arguments);
        long started = System.nanoTime();
        Process child = new ProcessBuilder(command).redirectError(dir.resolve("child.err").toFile()).start();
        int acknowledged = 0;
        boolean ready = false;
        String last = "";
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            if (whileOpening) {
                // somewhere in the start: JVM, store open, WAL recovery of the previous kill
                spin((long) (fraction * times.starts.typical(500_000_000L)));
                kill(child);
            }
            long begun = 0;
            String kind = null;
            String line;
            while ((line = lines.readLine()) != null) {
                last = line;
                if (line.equals("READY")) {
                    ready = true;
                    times.starts.add(System.nanoTime() - started);
                    synchronized (starts) {
                        starts.add(System.nanoTime() - started);
                    }
                } else if (line.startsWith("BEGIN ")) {
                    begun = System.nanoTime();
                    int step = Integer.parseInt(line.substring(6));
                    kind = parent.kind(chainSeed, step);
                    if (step == target && child.isAlive()) {
                        spin((long) (fraction * times.of(kind).upperQuartile(1_000_000L)));
                        kill(child);
                    }
                } else if (line.startsWith("ACK ")) {
                    acknowledged++;
                    if (begun > 0) {
                        times.of(kind).add(System.nanoTime() - begun);
                    }
                } else if (line.startsWith("FAIL ")) {
                    throw new IllegalStateException("step " + line.substring(5).replace("\\n", "\n"));
                } else if (line.equals("DONE")) {
                    throw new IllegalStateException("the child ran all its steps without being killed");
                }
            }
        } finally {
            kill(child);
            waitFor(child);
        }
        if (child.exitValue() != 128 + 9) {
            throw new IllegalStateException("the child exited with status " + child.exitValue() + ", not by the kill; "
                    + tail(dir.resolve("child.err")));
        }
        return new Kill(acknowledged, ready, target, last);
    }

    /**
     * SIGKILL, through the process handle: {@link Process#destroyForcibly()} sends the same signal
     * but also closes our end of the child's stdout, and the lines still in the pipe (the last
     * acknowledgements) must be read.
     */
    private static void kill(Process child) {
        child.toHandle().destroyForcibly();
    }

    private static void waitFor(Process child) {
        boolean interrupted = false;
        while (true) {
            try {
                child.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static void spin(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    private static String tail(Path file) {
        try {
            String s = Files.readString(file);
            return s.length() > 2000 ? "..." + s.substring(s.length() - 2000) : s;
        } catch (IOException e) {
            return "(no stderr)";
        }
    }
}
