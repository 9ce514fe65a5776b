package dev.outpost.bench;

import java.util.Arrays;

/**
 * Durations of the measured iterations, in nanoseconds.
 *
 * @param samples each iteration's duration, in run order
 */
public record Stats(long[] samples) {

    public Stats {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples; run at least one iteration");
        }
        samples = samples.clone();
    }

    /** The median (the mean of the two middle values for an even count). */
    public double median() {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    /** The fastest iteration. */
    public long min() {
        return Arrays.stream(samples).min().orElseThrow();
    }

    /** The slowest iteration. */
    public long max() {
        return Arrays.stream(samples).max().orElseThrow();
    }

    @Override
    public long[] samples() {
        return samples.clone();
    }
}
