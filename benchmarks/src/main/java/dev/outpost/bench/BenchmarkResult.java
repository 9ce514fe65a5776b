package dev.outpost.bench;

/**
 * One benchmark's outcome.
 *
 * @param name the benchmark's name
 * @param description what was measured
 * @param measured the operation's measurement
 * @param baselineDescription what the baseline does, or null without a baseline
 * @param baseline the baseline's measurement, or null
 */
public record BenchmarkResult(String name, String description, Measurement measured, String baselineDescription,
                              Measurement baseline) {

    /** The operation's median divided by the baseline's median, or NaN without a baseline. */
    public double ratio() {
        return baseline == null ? Double.NaN : measured.stats().median() / baseline.stats().median();
    }
}
