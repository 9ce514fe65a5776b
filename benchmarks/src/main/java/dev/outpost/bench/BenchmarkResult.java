package dev.outpost.bench;

/**
 * One benchmark's outcome.
 *
 * @param name the benchmark's name
 * @param description what was measured
 * @param measured the operation's measurement
 * @param baselineDescription what the baseline does, or null without a baseline
 * @param baseline the baseline's measurement, or null
 * @param items items one run processes, or 0
 */
public record BenchmarkResult(String name, String description, Measurement measured, String baselineDescription,
                              Measurement baseline, long items) {

    /** The operation's median divided by the baseline's median, or NaN without a baseline. */
    public double ratio() {
        return baseline == null ? Double.NaN : measured.stats().median() / baseline.stats().median();
    }

    /** Items per second at the operation's median, or NaN without items. */
    public double throughput() {
        return items == 0 ? Double.NaN : items / (measured.stats().median() / 1e9);
    }

    /** Items per second at the baseline's median, or NaN. */
    public double baselineThroughput() {
        return items == 0 || baseline == null ? Double.NaN : items / (baseline.stats().median() / 1e9);
    }
}
