package dev.outpost.examples.app;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every {@code ```java} block in the project's Markdown compiles against the real API: the READMEs,
 * the module READMEs and {@code docs/}. A block that declares a type is compiled as it is; any other
 * block becomes the body of a method whose parameters are the variables the text around it names,
 * declared in an HTML comment right above the block: {@code <!-- given: Path file, ServiceModel model -->}.
 * An elision is written as a comment ({@code // ...}), never as bare {@code ...}. Blocks marked
 * {@code <!-- sample: NAME -->} are regions of a compiled source file, checked by their own test
 * ({@link GettingStartedDocTest}).
 */
class DocSamplesTest {

    /** Imports every wrapped sample gets: the user API, the generator's, the example back end's and the JDK's usual ones. */
    static final List<String> IMPORTS = List.of("dev.outpost.*", "dev.outpost.model.*", "dev.outpost.query.*",
            "dev.outpost.generator.*", "dev.outpost.generator.validation.*", "dev.outpost.generator.java.*",
            "dev.outpost.generator.output.*", "dev.outpost.examples.backend.*", "dev.outpost.examples.app.*",
            "dev.outpost.examples.app.field.*", "java.nio.file.*", "java.util.*", "java.net.*", "java.time.*",
            "java.math.*", "java.util.concurrent.*");

    private static final Pattern BLOCK = Pattern.compile(
            "(?:<!--\\s*(given|sample):\\s*([^\\n]*?)\\s*-->\\s*\\n)?```java\\n(.*?)```", Pattern.DOTALL);

    record Sample(Path doc, int line, String given, String code) {
        String name() {
            return doc + ":" + line;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockInTheDocsCompiles() throws IOException {
        Path root = projectRoot();
        List<Sample> samples = new ArrayList<>();
        for (Path doc : documents(root)) {
            String text = Files.readString(doc, StandardCharsets.UTF_8);
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                if ("sample".equals(m.group(1))) {
                    continue;
                }
                int line = 1 + (int) text.substring(0, m.start(3)).chars().filter(c -> c == '\n').count();
                samples.add(new Sample(root.relativize(doc), line, m.group(2), m.group(3)));
            }
        }
        assertTrue(samples.size() >= 5, "found only " + samples.size() + " samples under " + root);
        return samples.stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> compile(s)));
    }

    static List<Path> documents(Path root) throws IOException {
        List<Path> docs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(p -> p.toString().endsWith(".md")).filter(p -> {
                String relative = root.relativize(p).toString().replace('\\', '/');
                return !relative.startsWith(".") && !relative.contains("/.") && !relative.startsWith("target/")
                        && !relative.contains("/target/") && !relative.contains("src/it/");
            }) .sorted().forEach(docs::add);
        }
        return docs;
    }

    static void compile(Sample s) {
        String className = "Sample_" + s.doc().toString().replaceAll("[^A-Za-z0-9]", "_") + "_" + s.line();
        String source;
        if (Pattern.compile("(?m)^(public |final |abstract )*(class|record|interface|enum) ").matcher(s.code()).find()) {
            source = s.code();
            Matcher type = Pattern.compile("(?m)^(?:public )?(?:final |abstract )*(?:class|record|interface|enum) (\\w+)")
                    .matcher(s.code());
            className = type.find() ? type.group(1) : className;
            if (!s.code().contains("import ")) {
                source = imports() + source;
            }
        } else {
            source = imports() + "@SuppressWarnings(\"unused\")\nclass " + className + " {\n    void sample("
                    + (s.given() == null ? "" : s.given()) + ") throws Exception {\n" + s.code() + "\n    }\n}\n";
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Path out;
        try {
            out = Files.createTempDirectory("doc-samples");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String unit = source;
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + className + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return unit;
            }
        };
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            boolean ok = javac.getTask(null, files, diagnostics, List.of("-d", out.toString(), "-classpath",
                    System.getProperty("java.class.path"), "-proc:none", "-Xlint:none"), null, List.of(file)).call();
            if (!ok) {
                StringBuilder message = new StringBuilder("the ```java block at " + s.name()
                        + " does not compile; fix the sample (or declare its variables in <!-- given: ... --> above it):\n");
                for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                    if (d.getKind() == Diagnostic.Kind.ERROR) {
                        message.append("  line ").append(d.getLineNumber()).append(": ").append(d.getMessage(Locale.ROOT))
                                .append('\n');
                    }
                }
                message.append("compiled as:\n").append(unit);
                fail(message.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String imports() {
        StringBuilder s = new StringBuilder();
        IMPORTS.forEach(i -> s.append("import ").append(i).append(";\n"));
        return s.append("import static org.assertj.core.api.Assertions.assertThat;\n").toString();
    }

    /** The project root: the directory above {@code examples/}. */
    static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
