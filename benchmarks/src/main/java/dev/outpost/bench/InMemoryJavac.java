package dev.outpost.bench;

import dev.outpost.generator.output.GeneratedFile;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compiles generated sources with {@code javax.tools} in memory against this process's class
 * path (which holds the runtime), as a user's build would; the class files are counted and
 * dropped, so that only the compilation takes memory.
 */
final class InMemoryJavac {

    private InMemoryJavac() {
    }

    /**
     * Compiles the sources among the files.
     *
     * @return the bytes of class files written
     * @throws IllegalStateException with the first errors if the sources do not compile
     */
    static long compile(List<GeneratedFile> files) {
        List<JavaFileObject> units = new ArrayList<>();
        for (GeneratedFile f : files) {
            if (f.kind() == GeneratedFile.Kind.SOURCE) {
                String text = f.text();
                units.add(new SimpleJavaFileObject(URI.create("mem:///" + f.path()), JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return text;
                    }
                });
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in this runtime; run the benchmarks with a JDK, not a JRE");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        AtomicLong written = new AtomicLong();
        JavaFileManager manager = new ForwardingJavaFileManager<>(
                javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return new OutputStream() {
                            @Override
                            public void write(int b) {
                                written.incrementAndGet();
                            }

                            @Override
                            public void write(byte[] b, int off, int len) {
                                written.addAndGet(len);
                            }
                        };
                    }
                };
            }
        };
        List<String> options = List.of("--release", "17", "-proc:none", "-classpath", System.getProperty("java.class.path"));
        boolean ok = javac.getTask(null, manager, diagnostics, options, null, units).call();
        if (!ok) {
            StringBuilder s = new StringBuilder("the generated sources do not compile (if javac printed an"
                    + " OutOfMemoryError, give the JVM more heap: -Xmx2g):");
            diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).limit(5)
                    .forEach(d -> s.append("\n  ").append(d.getSource() == null ? "" : d.getSource().getName() + ":"
                            + d.getLineNumber() + ": ").append(d.getMessage(Locale.ROOT)));
            throw new IllegalStateException(s.toString());
        }
        return written.get();
    }
}
