package dev.outpost.bench;

import java.util.List;

/** A named group of benchmarks that run together, for example {@code model}. */
public interface Suite {

    /** The name given on the command line. */
    String name();

    /** What the suite measures. */
    String description();

    /**
     * The heap the suite is measured with ({@code -Xmx}) when {@code all} runs it in a JVM of its own:
     * 256 MB proves that reading, storing and syncing fit a small device; generation runs at build
     * time, in a Maven build's heap (1 GB; 2 GB to compile msgraph's proxies in memory as well).
     */
    default String heap() {
        return "256m";
    }

    /** The suite's benchmarks, configured for this run. */
    List<Benchmark> benchmarks(RunContext context);
}
