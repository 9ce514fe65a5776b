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
        return median(Arrays.stream(samples).asDoubleStream().toArray());
    }

    /**
     * The median of the iteration-by-iteration ratios of these durations to a baseline's, the i-th
     * to the i-th: the two ran back to back, so each ratio compares them under the same load.
     */
    public double pairedRatio(Stats baseline) {
        if (baseline.samples.length != samples.length) {
            throw new IllegalArgumentException(samples.length + " samples against " + baseline.samples.length
                    + " of the baseline; pair each iteration with the baseline's");
        }
        double[] ratios = new double[samples.length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = (double) samples[i] / baseline.samples[i];
        }
        return median(ratios);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
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
