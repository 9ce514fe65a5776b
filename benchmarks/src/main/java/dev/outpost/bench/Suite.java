package dev.outpost.bench;

import java.util.List;

/** A named group of benchmarks that run together, for example {@code model}. */
public interface Suite {

    /** The name given on the command line. */
    String name();

    /** What the suite measures. */
    String description();

    /** The suite's benchmarks, configured for this run. */
    List<Benchmark> benchmarks(RunContext context);
}
