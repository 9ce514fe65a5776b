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

    /**
     * The median of the operation's time divided by the baseline's, iteration by iteration (they
     * run in turns), or NaN without a baseline. Outside load that comes and goes in phases longer
     * than one iteration slows both sides of a pair alike; the two medians taken apart could fall
     * in different phases (a key lookup's gave 1.37 where its pairs gave 1.20).
     */
    public double ratio() {
        return baseline == null ? Double.NaN : measured.stats().pairedRatio(baseline.stats());
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
