package dev.outpost.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The runner measures an operation and its baseline in turns and keeps their heap figures apart. */
class BenchmarkRunnerTest {

    private static final int MIB = 1024 * 1024;

    /** An operation that keeps 48 MiB in its result; its baseline keeps nothing. */
    private static final class Lopsided implements Benchmark {
        final List<String> calls = new ArrayList<>();

        @Override
        public String name() {
            return "test.lopsided";
        }

        @Override
        public String description() {
            return "48 MiB against nothing";
        }

        @Override
        public Object run() {
            calls.add("op");
            byte[][] chunks = new byte[48][];
            for (int i = 0; i < chunks.length; i++) {
                chunks[i] = new byte[MIB];
            }
            return chunks;
        }

        @Override
        public Optional<Baseline> baseline() {
            return Optional.of(new Baseline("nothing", () -> {
                calls.add("base");
                return "nothing";
            }));
        }
    }

    @Test
    void operationAndBaselineTakeTurnsAfterTheWarmUps() throws Exception {
        Lopsided b = new Lopsided();

        new BenchmarkRunner(new BenchmarkRunner.Settings(1, 4)).run(List.of(b));

        assertThat(b.calls).containsExactly("op", "base", // warm-up
                "op", "base", "base", "op", "op", "base", "base", "op");
    }

    @Test
    void eachSideKeepsItsOwnRetainedSizeAndLivePeak() throws Exception {
        BenchmarkResult r = new BenchmarkRunner(new BenchmarkRunner.Settings(0, 3)).run(List.of(new Lopsided())).get(0);

        assertThat(r.measured().stats().samples()).hasSize(3);
        assertThat(r.baseline().stats().samples()).hasSize(3);
        assertThat(r.measured().heap().retainedBytes()).isBetween(47L * MIB, 52L * MIB);
        assertThat(r.measured().heap().livePeakBytes()).isGreaterThanOrEqualTo(47L * MIB);
        assertThat(r.baseline().heap().retainedBytes()).isLessThan(MIB);
        assertThat(r.baseline().heap().livePeakBytes()).isLessThan(r.measured().heap().livePeakBytes() - 40L * MIB);
    }

    /** A benchmark that does nothing, measured between {@code min} and {@code max} times. */
    private record Bounded(int min, int max) implements Benchmark {
        @Override
        public String name() {
            return "test.bounded";
        }

        @Override
        public String description() {
            return "nothing, " + min + " to " + max + " times";
        }

        @Override
        public int minimumIterations() {
            return min;
        }

        @Override
        public int maximumIterations() {
            return max;
        }

        @Override
        public Object run() {
            return "op";
        }

        @Override
        public Optional<Baseline> baseline() {
            return Optional.of(new Baseline("nothing", () -> "base"));
        }
    }

    @Test
    void aBenchmarkRaisesTheMeasuredRunsToItsMinimumAndItsMaximumWins() throws Exception {
        List<BenchmarkResult> r = new BenchmarkRunner(new BenchmarkRunner.Settings(0, 3))
                .run(List.of(new Bounded(5, Integer.MAX_VALUE), new Bounded(5, 2), new Bounded(0, Integer.MAX_VALUE)));

        assertThat(r.get(0).measured().stats().samples()).hasSize(5);
        assertThat(r.get(0).baseline().stats().samples()).hasSize(5);
        assertThat(r.get(1).measured().stats().samples()).hasSize(2);
        assertThat(r.get(2).measured().stats().samples()).hasSize(3);
    }
}
