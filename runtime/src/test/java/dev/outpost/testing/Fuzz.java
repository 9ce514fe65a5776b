package dev.outpost.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Runs seeded random cases. Every case gets its own {@link Random} derived from the run's seed
 * and the case number, so one failing case can be rerun alone; a failure names the seed, the
 * case and the property line that reproduces it.
 *
 * <p>System properties (pass them to Maven with {@code -D}; surefire forwards them):
 * <ul>
 *   <li>{@code outpost.fuzz.seed} — the run's seed (default {@value #DEFAULT_SEED}, so the regular
 *       build is repeatable); {@code random} picks a fresh one, printed at the start</li>
 *   <li>{@code outpost.fuzz.scale} — multiplies every suite's default number of cases (default 1;
 *       {@code 20} for a long run of tens of thousands, {@code 0.1} for a quick one); suites keep
 *       their proportions, so an expensive suite stays small</li>
 *   <li>{@code outpost.fuzz.cases.SUITE} — exactly this many cases of one suite (the suite's name is
 *       in its failure messages, e.g. {@code outpost.fuzz.cases.query=10000})</li>
 *   <li>{@code outpost.fuzz.case} — run only this case number (with the seed of the failure)</li>
 * </ul>
 */
public final class Fuzz {

    public static final String SEED = "outpost.fuzz.seed";
    public static final String SCALE = "outpost.fuzz.scale";
    public static final String CASES = "outpost.fuzz.cases.";
    public static final String CASE = "outpost.fuzz.case";
    public static final long DEFAULT_SEED = 20_260_101L;

    /** One case: it gets its own random source and its number; it fails by throwing. */
    @FunctionalInterface
    public interface Case {
        void run(Random random, int number) throws Exception;
    }

    private static Long chosenSeed;

    private Fuzz() {
    }

    /** The run's seed, from {@code -Doutpost.fuzz.seed} (chosen once per JVM when {@code random}). */
    public static synchronized long seed() {
        if (chosenSeed == null) {
            String s = System.getProperty(SEED);
            if (s == null || s.isBlank()) {
                chosenSeed = DEFAULT_SEED;
            } else if (s.equalsIgnoreCase("random")) {
                chosenSeed = new Random().nextLong();
                System.out.println("fuzz: -D" + SEED + "=" + chosenSeed);
            } else {
                chosenSeed = Long.parseLong(s.trim());
            }
        }
        return chosenSeed;
    }

    /** How many cases a suite runs: {@code -Doutpost.fuzz.cases.SUITE}, else its default times {@code -Doutpost.fuzz.scale}. */
    public static int cases(String suite, int defaultCases) {
        String exact = System.getProperty(CASES + suite);
        if (exact != null && !exact.isBlank()) {
            return Integer.parseInt(exact.trim());
        }
        String scale = System.getProperty(SCALE);
        double factor = scale == null || scale.isBlank() ? 1 : Double.parseDouble(scale.trim());
        return Math.max(1, (int) Math.round(defaultCases * factor));
    }

    /** The random source of one case: the same seed and number always give the same sequence. */
    public static Random random(long seed, String suite, int number) {
        long h = seed ^ (suite.hashCode() * 0x9E3779B97F4A7C15L);
        h ^= (number + 1) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L;
        return new Random(h ^ (h >>> 29));
    }

    /** Writes a failing input to {@code target/fuzz-failures/NAME} (or the temporary directory) and returns the path. */
    public static Path save(String name, String input) {
        Path dir = Files.isDirectory(Path.of("target")) ? Path.of("target", "fuzz-failures")
                : Path.of(System.getProperty("java.io.tmpdir"), "outpost-fuzz-failures");
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_"));
            Files.write(file, input.getBytes(StandardCharsets.UTF_8)); // the bytes the suites read (lone surrogates become ?)
            return file.toAbsolutePath();
        } catch (IOException e) {
            return Path.of("(not saved: " + e.getMessage() + ")");
        }
    }

    /**
     * Runs {@code defaultCases} cases (or the configured number) of a suite; stops at the first
     * failure with an {@link AssertionError} that says how to rerun exactly that case.
     *
     * @return the number of cases run
     */
    public static int run(String suite, int defaultCases, Case body) {
        long seed = seed();
        String only = System.getProperty(CASE);
        int from = 0;
        int to = cases(suite, defaultCases);
        if (only != null && !only.isBlank()) {
            from = Integer.parseInt(only.trim());
            to = from + 1;
        }
        for (int n = from; n < to; n++) {
            try {
                body.run(random(seed, suite, n), n);
            } catch (Throwable t) {
                throw new AssertionError(String.format(Locale.ROOT, "%s: case %d failed (seed %d); rerun it with"
                        + " -D%s=%d -D%s=%d: %s", suite, n, seed, SEED, seed, CASE, n, t), t);
            }
        }
        return to - from;
    }
}
