package dev.outpost.bench;

import java.io.PrintStream;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import java.util.Optional;

/** Runs benchmarks: set up, warm up, measure the operation and its baseline in turns, tear down. */
public final class BenchmarkRunner {

    /**
     * How many times each operation runs.
     *
     * @param warmups unmeasured runs first (the JIT compiles the hot paths)
     * @param iterations measured runs
     */
    public record Settings(int warmups, int iterations) {
        public Settings {
            if (warmups < 0 || iterations < 1) {
                throw new IllegalArgumentException("warm-ups must be 0 or more and iterations 1 or more, not "
                        + warmups + " and " + iterations);
            }
        }
    }

    /** Keeps the last result reachable so that the JIT cannot drop the measured work. */
    private static volatile Object sink;

    private final Settings settings;
    private final PrintStream log;

    /** A runner that reports nothing while it runs. */
    public BenchmarkRunner(Settings settings) {
        this(settings, null);
    }

    /** A runner that prints a line per benchmark to {@code log} (long runs show where they are). */
    public BenchmarkRunner(Settings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    /** Runs every benchmark in order. */
    public List<BenchmarkResult> run(List<Benchmark> benchmarks) throws Exception {
        List<BenchmarkResult> results = new ArrayList<>();
        try (HeapMonitor heap = new HeapMonitor()) {
            for (int i = 0; i < benchmarks.size(); i++) {
                Benchmark b = benchmarks.get(i);
                long start = System.nanoTime();
                BenchmarkResult result = run(b, heap);
                results.add(result);
                if (log != null) {
                    log.printf(Locale.ROOT, "  [%d/%d] %s: median %s%s (%.0f s with set-up and warm-up)%n", i + 1,
                            benchmarks.size(), b.name(), BenchmarkReport.millis(result.measured().stats().median()),
                            result.baseline() == null ? "" : String.format(Locale.ROOT, ", ratio %.2f", result.ratio()),
                            (System.nanoTime() - start) / 1e9);
                }
            }
        }
        return results;
    }

    private BenchmarkResult run(Benchmark b, HeapMonitor heap) throws Exception {
        b.setUp();
        try {
            Optional<Benchmark.Baseline> baseline = b.baseline();
            List<Benchmark.Operation> sides = baseline.isPresent() ? List.of(b::run, baseline.get().operation())
                    : List.of(b::run);
            int warmups = Math.min(Math.max(settings.warmups(), b.minimumWarmups()), b.maximumWarmups());
            for (int i = 0; i < warmups; i++) {
                for (Benchmark.Operation operation : sides) {
                    sink = operation.run();
                }
            }
            sink = null;
            int iterations = Math.min(Math.max(settings.iterations(), b.minimumIterations()), b.maximumIterations());
            Measurement[] measured = measure(sides, heap, iterations);
            return new BenchmarkResult(b.name(), b.description(), measured[0],
                    baseline.map(Benchmark.Baseline::description).orElse(null), baseline.isPresent() ? measured[1] : null,
                    b.items());
        } finally {
            sink = null;
            b.tearDown();
        }
    }

    /**
     * Measures the operation and its baseline in turns, iteration by iteration, the one first and
     * then the other (A B, B A, A B, ...): a burst of outside load on this machine then slows both
     * rather than all of one, and neither always runs right after the other.
     */
    private Measurement[] measure(List<Benchmark.Operation> sides, HeapMonitor heap, int iterations) throws Exception {
        int n = sides.size();
        long[][] nanos = new long[n][iterations];
        Object[] last = new Object[n];
        heap.begin(n);
        for (int i = 0; i < iterations; i++) {
            for (int k = 0; k < n; k++) {
                int side = i % 2 == 0 ? k : n - 1 - k;
                sink = null; // the previous result must not count as live during this run
                last[side] = null;
                heap.enter(side);
                long start = System.nanoTime();
                Object result = sides.get(side).run();
                nanos[side][i] = System.nanoTime() - start;
                sink = result;
                if (i == iterations - 1) {
                    last[side] = result;
                }
                heap.sample();
            }
        }
        sink = null;
        // Retained: collect with every last result referenced, then with one fewer each time.
        long[] afterWithResult = new long[n];
        long previous = heap.collect();
        for (int side = n - 1; side >= 0; side--) {
            last[side] = null;
            long after = side == 0 ? heap.startAfter() : heap.collect();
            afterWithResult[side] = heap.startAfter() + (previous - after);
            previous = after;
        }
        Reference.reachabilityFence(last);
        HeapMonitor.Peak[] peaks = heap.end(afterWithResult);
        Measurement[] measurements = new Measurement[n];
        for (int side = 0; side < n; side++) {
            measurements[side] = new Measurement(new Stats(nanos[side]), peaks[side]);
        }
        return measurements;
    }
}
