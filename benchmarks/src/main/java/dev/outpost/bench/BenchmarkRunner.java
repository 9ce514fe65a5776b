package dev.outpost.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Runs benchmarks: set up, warm up, measure the operation, then its baseline, tear down. */
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

    public BenchmarkRunner(Settings settings) {
        this.settings = settings;
    }

    /** Runs every benchmark in order. */
    public List<BenchmarkResult> run(List<Benchmark> benchmarks) throws Exception {
        List<BenchmarkResult> results = new ArrayList<>();
        try (HeapMonitor heap = new HeapMonitor()) {
            for (Benchmark b : benchmarks) {
                results.add(run(b, heap));
            }
        }
        return results;
    }

    private BenchmarkResult run(Benchmark b, HeapMonitor heap) throws Exception {
        b.setUp();
        try {
            Optional<Benchmark.Baseline> baseline = b.baseline();
            for (int i = 0; i < Math.max(settings.warmups(), b.minimumWarmups()); i++) {
                sink = b.run();
                if (baseline.isPresent()) {
                    sink = baseline.get().operation().run();
                }
            }
            sink = null;
            int iterations = Math.min(settings.iterations(), b.maximumIterations());
            Measurement measured = measure(b::run, heap, iterations);
            Measurement base = baseline.isPresent() ? measure(baseline.get().operation(), heap, iterations) : null;
            return new BenchmarkResult(b.name(), b.description(), measured,
                    baseline.map(Benchmark.Baseline::description).orElse(null), base, b.items());
        } finally {
            sink = null;
            b.tearDown();
        }
    }

    private Measurement measure(Benchmark.Operation operation, HeapMonitor heap, int iterations) throws Exception {
        long[] nanos = new long[iterations];
        heap.begin();
        for (int i = 0; i < nanos.length; i++) {
            sink = null; // the previous result must not count as live during this run
            long start = System.nanoTime();
            Object result = operation.run();
            nanos[i] = System.nanoTime() - start;
            sink = result;
            heap.sample();
        }
        HeapMonitor.Peak peak = heap.end();
        sink = null;
        return new Measurement(new Stats(nanos), peak);
    }
}
