package dev.outpost.bench;

import java.util.Optional;

/**
 * One benchmark: an operation measured N times after warm-up, optionally next to a raw baseline
 * measured in the same run (so that the ratio, not the machine, is what a reader compares).
 * New benchmarks (local writes, queries, download, upload, generation) implement this and are
 * listed in a {@link Suite}.
 */
public interface Benchmark {

    /** A short stable name, for example {@code model.read}. */
    String name();

    /** What is measured, in one sentence. */
    String description();

    /** Prepares inputs (read files, open stores); not measured. */
    default void setUp() throws Exception {
    }

    /**
     * How many items (creates, entities, requests) one run of the operation and of its baseline
     * processes, so that the report can show throughput; 0 when throughput means nothing.
     */
    default long items() {
        return 0;
    }

    /**
     * The fewest unmeasured runs before measuring, whatever {@code --warmup} says: an operation
     * that runs much of the runtime's code needs many runs before the JIT has compiled it, and a
     * median taken earlier measures the interpreter.
     */
    default int minimumWarmups() {
        return 0;
    }

    /**
     * The most unmeasured runs, whatever {@code --warmup} says (it wins over {@link #minimumWarmups()}):
     * an operation that takes tens of seconds is warm after one or two runs.
     */
    default int maximumWarmups() {
        return Integer.MAX_VALUE;
    }

    /**
     * The fewest measured runs, whatever {@code --iterations} says: an operation whose time swings
     * from run to run (a thousand commits, a few of which checkpoint the WAL with two fsyncs)
     * needs more samples before its median, and the ratio, settle.
     */
    default int minimumIterations() {
        return 0;
    }

    /**
     * The most measured runs, whatever {@code --iterations} says (it wins over
     * {@link #minimumIterations()}): operations that take tens of seconds (a million-entity
     * download) keep the whole run reasonable.
     */
    default int maximumIterations() {
        return Integer.MAX_VALUE;
    }

    /** The measured operation. Its result is kept until the next run so that the work cannot be optimised away. */
    Object run() throws Exception;

    /** The raw baseline: the least work that does the same job without Outpost, or empty. */
    default Optional<Baseline> baseline() {
        return Optional.empty();
    }

    /** Releases what {@link #setUp()} acquired; not measured. */
    default void tearDown() throws Exception {
    }

    /**
     * A baseline operation.
     *
     * @param description what it does, in one sentence
     * @param operation the operation
     */
    record Baseline(String description, Operation operation) {
    }

    /** A measured operation. */
    @FunctionalInterface
    interface Operation {
        Object run() throws Exception;
    }
}
