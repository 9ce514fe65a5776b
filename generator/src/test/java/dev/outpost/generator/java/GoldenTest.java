package dev.outpost.generator.java;

import dev.outpost.generator.output.DirectoryOutputSink;
import dev.outpost.generator.output.GeneratedFile;
import dev.outpost.generator.testing.Goldens;
import dev.outpost.model.MetadataSource;
import dev.outpost.model.ServiceModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * G3 golden fixtures: one directory per case under {@code src/test/resources/golden/java}, holding
 * {@code input/metadata.xml}, {@code input/options.properties} ({@code basePackage}, optional
 * {@code serviceName}) and {@code expected/} with the generated {@code sources/} and
 * {@code resources/}. Missing and extra files fail, and every case's output compiles.
 *
 * <p>To regenerate the expected files after an intended change, run
 * {@code ./mvnw -pl generator -am verify -Dtest=GoldenTest -Dsurefire.failIfNoSpecifiedTests=false -Doutpost.updateGoldens=true}
 * and review the diff.
 */
class GoldenTest {

    private static final Path GOLDEN = Goldens.testResources().resolve("golden").resolve("java");
    private static final boolean UPDATE = Goldens.updating();

    static Stream<String> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(GOLDEN)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    /** Generates a case's files. */
    static List<GeneratedFile> generate(String name) throws IOException {
        Path input = GOLDEN.resolve(name).resolve("input");
        byte[] document = Files.readAllBytes(input.resolve("metadata.xml"));
        Properties options = new Properties();
        try (InputStream in = Files.newInputStream(input.resolve("options.properties"))) {
            options.load(in);
        }
        ServiceModel model = ServiceModel.read(MetadataSource.bytes(name + "/input/metadata.xml", document));
        return JavaEmitter.emit(model, document,
                new JavaOptions(options.getProperty("basePackage"), options.getProperty("serviceName")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void generatedFilesEqualTheExpectedOnes(String name) throws IOException {
        List<GeneratedFile> files = generate(name);
        Path expected = GOLDEN.resolve(name).resolve("expected");
        if (UPDATE) {
            rewrite(expected, files);
        }
        Map<String, byte[]> actual = new TreeMap<>();
        for (GeneratedFile f : files) {
            actual.put(root(f.kind()) + "/" + f.path(), f.content());
        }
        Map<String, byte[]> golden = read(expected);

        TreeSet<String> missing = new TreeSet<>(golden.keySet());
        missing.removeAll(actual.keySet());
        TreeSet<String> extra = new TreeSet<>(actual.keySet());
        extra.removeAll(golden.keySet());
        if (!missing.isEmpty() || !extra.isEmpty()) {
            fail("%s: files not generated: %s; files generated but not expected: %s (regenerate with"
                    + " -Doutpost.updateGoldens=true after an intended change)", name, missing, extra);
        }
        for (Map.Entry<String, byte[]> e : golden.entrySet()) {
            assertThat(new String(actual.get(e.getKey()), StandardCharsets.UTF_8)).as(name + "/expected/" + e.getKey())
                    .isEqualTo(new String(e.getValue(), StandardCharsets.UTF_8));
            assertThat(actual.get(e.getKey())).as(name + "/expected/" + e.getKey() + " bytes").isEqualTo(e.getValue());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void generatedFilesCompileWithoutWarnings(String name) throws IOException {
        InMemoryCompiler.Result result = InMemoryCompiler.compile(generate(name), Map.of(), InMemoryCompiler.STRICT);
        assertThat(result.success()).as(result.report()).isTrue();
    }

    private static String root(GeneratedFile.Kind kind) {
        return kind == GeneratedFile.Kind.SOURCE ? "sources" : "resources";
    }

    private static Map<String, byte[]> read(Path expected) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        if (!Files.isDirectory(expected)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(expected)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(expected.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private static void rewrite(Path expected, List<GeneratedFile> files) throws IOException {
        if (Files.exists(expected)) {
            try (Stream<Path> walk = Files.walk(expected)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        DirectoryOutputSink sink = new DirectoryOutputSink(expected.resolve("sources"), expected.resolve("resources"));
        files.forEach(sink::write);
    }
}
