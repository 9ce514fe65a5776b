package dev.outpost.generator.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Golden files: expected output committed next to the tests and compared exactly. Run the tests
 * with {@code -Doutpost.updateGoldens=true} to rewrite every golden file (and
 * {@code docs/validation-rules.md}) from the current output, then review the diff.
 */
public final class Goldens {

    /** The one switch that regenerates golden files. */
    public static final String UPDATE_PROPERTY = "outpost.updateGoldens";

    private Goldens() {
    }

    /** Whether this run rewrites golden files instead of comparing with them. */
    public static boolean updating() {
        return Boolean.getBoolean(UPDATE_PROPERTY);
    }

    /** The module's test resources directory, where golden files live. */
    public static Path testResources() {
        return Path.of(System.getProperty("basedir", "."), "src", "test", "resources");
    }

    /** The project's root directory (where {@code docs/} is). */
    public static Path projectDir() {
        String configured = System.getProperty("outpost.project.dir");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("basedir", "."), "..");
    }

    /** Compares {@code actual} with the golden file, or rewrites the file when updating. */
    public static void assertMatches(Path golden, String actual) {
        try {
            if (updating()) {
                Files.createDirectories(golden.toAbsolutePath().getParent());
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(golden)) {
                fail("golden file " + golden + " is missing; run the tests with -D" + UPDATE_PROPERTY
                        + "=true to write it, then review and commit it");
            }
            String expected = Files.readString(golden, StandardCharsets.UTF_8);
            assertThat(actual).as("output differs from golden file %s; if the change is intended, run the tests with"
                    + " -D%s=true and review the diff", golden, UPDATE_PROPERTY).isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
