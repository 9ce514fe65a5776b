package dev.outpost.bench;

/**
 * The durations and heap peaks of one operation's measured iterations.
 *
 * @param stats durations
 * @param heap peak and live peak heap use during the iterations
 */
public record Measurement(Stats stats, HeapMonitor.Peak heap) {
}
