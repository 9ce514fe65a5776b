package dev.outpost.generator.java;

import dev.outpost.generator.output.GeneratedFile;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Compiles generated sources in memory with {@code javax.tools} against the test classpath (which
 * holds the runtime), as strictly as a careful user's build: {@code -Xlint:all -Werror}, and
 * doclint for the Javadoc's syntax and HTML.
 */
final class InMemoryCompiler {

    /** The options every generated source must pass. */
    static final List<String> STRICT = List.of("-Xlint:all", "-Werror", "-Xdoclint:all,-missing", "-proc:none",
            "--release", "17");

    /** What a compilation produced. */
    record Result(List<Diagnostic<? extends JavaFileObject>> diagnostics, Map<String, byte[]> classes) {

        boolean success() {
            return diagnostics.stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR
                    || d.getKind() == Diagnostic.Kind.WARNING || d.getKind() == Diagnostic.Kind.MANDATORY_WARNING);
        }

        /** The first diagnostics, one a line, with file and line. */
        String report() {
            return diagnostics.stream().limit(30).map(d -> d.getKind() + " " + (d.getSource() == null ? ""
                            : d.getSource().getName() + ":" + d.getLineNumber()) + " " + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n"));
        }

        /**
         * A class loader over the compiled classes and the generated resources, delegating to
         * the test's loader.
         */
        ClassLoader classLoader(List<GeneratedFile> generated) {
            return new ClassLoader(InMemoryCompiler.class.getClassLoader()) {
                @Override
                protected Class<?> findClass(String name) throws ClassNotFoundException {
                    byte[] bytes = classes.get(name);
                    if (bytes == null) {
                        throw new ClassNotFoundException(name);
                    }
                    return defineClass(name, bytes, 0, bytes.length);
                }

                @Override
                public InputStream getResourceAsStream(String name) {
                    return generated.stream().filter(f -> f.kind() == GeneratedFile.Kind.RESOURCE && f.path().equals(name))
                            .findFirst().<InputStream>map(f -> new ByteArrayInputStream(f.content()))
                            .orElseGet(() -> super.getResourceAsStream(name));
                }
            };
        }
    }

    private InMemoryCompiler() {
    }

    /** Compiles the generated sources (resources are ignored) and extra sources given as path → text. */
    static Result compile(List<GeneratedFile> generated, Map<String, String> extra, List<String> options) {
        List<JavaFileObject> units = new ArrayList<>();
        for (GeneratedFile f : generated) {
            if (f.kind() == GeneratedFile.Kind.SOURCE) {
                units.add(new Source(f.path(), f.text()));
            }
        }
        extra.forEach((path, text) -> units.add(new Source(path, text)));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, byte[]> classes = new HashMap<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8);
        JavaFileManager manager = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return new ByteArrayOutputStream() {
                            @Override
                            public void close() {
                                synchronized (classes) {
                                    classes.put(className, toByteArray());
                                }
                            }
                        };
                    }
                };
            }
        };
        List<String> all = new ArrayList<>(options);
        all.add("-classpath");
        all.add(System.getProperty("java.class.path"));
        javac.getTask(null, manager, diagnostics, all, null, units).call();
        return new Result(diagnostics.getDiagnostics(), classes);
    }

    /** A source file held in memory. */
    private static final class Source extends SimpleJavaFileObject {
        private final String text;

        Source(String path, String text) {
            super(URI.create("mem:///" + path.replace(File.separatorChar, '/')), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
