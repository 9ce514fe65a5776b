package dev.outpost.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real-world {@code $metadata} documents in {@code ../shared/corpus} beside the clone. */
public final class Corpus {

    private Corpus() {
    }

    /** The shared directory: {@code -Doutpost.shared.dir}, else {@code ../shared} from the project root. */
    public static Path sharedDir() {
        String configured = System.getProperty("outpost.shared.dir");
        Path dir = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        if (!Files.isDirectory(dir.resolve("corpus"))) {
            throw new IllegalStateException("the corpus is missing at " + dir.toAbsolutePath().normalize()
                    + "/corpus; the tests expect the shared directory beside the clone (../shared)"
                    + " or -Doutpost.shared.dir=<dir>");
        }
        return dir;
    }

    /** The corpus directory. */
    public static Path dir() {
        return sharedDir().resolve("corpus");
    }

    /** A corpus document by file name. */
    public static Path file(String name) {
        return dir().resolve(name);
    }

    /** Every OData V4 document (every XML file except the V2 one). */
    public static List<Path> v4Documents() {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".xml"))
                    .filter(p -> !p.getFileName().toString().startsWith("v2-"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
