package dev.outpost.crash;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The {@code java} command for a child that should start quickly, because one starts for every
 * kill: this JVM's class path with class directories packed into jars, a class-data-sharing
 * archive of the classes a child loads (recorded once by a child that runs to its end), C1 only,
 * serial GC, and SQLite's native library extracted once (otherwise each child extracts its own
 * copy, and a killed child leaves it behind in the temporary directory). Without an archive
 * (another JVM, a failed recording) children simply start slower.
 */
final class ChildJvm {

    private final List<String> command;
    private final boolean archived;

    private ChildJvm(List<String> command, boolean archived) {
        this.command = List.copyOf(command);
        this.archived = archived;
    }

    /** Whether children start from a class-data-sharing archive. */
    boolean archived() {
        return archived;
    }

    /** The command up to (not including) the main class. */
    List<String> command() {
        return command;
    }

    /**
     * Prepares the command in {@code workDir}; {@code training} is a main class and its arguments
     * that load what children load and exit normally, to record the archive.
     */
    static ChildJvm prepare(Path workDir, List<String> training) throws IOException {
        List<String> base = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xmx128m",
                "-Djava.io.tmpdir=" + workDir.toAbsolutePath()));
        Path library = sqliteLibrary(workDir);
        if (library != null) {
            base.add("-Dorg.sqlite.lib.path=" + library.getParent().toAbsolutePath());
            base.add("-Dorg.sqlite.lib.name=" + library.getFileName());
        }
        String classPath = String.join(File.pathSeparator, jarred(classPath(), workDir.resolve("classpath")));
        Path archive = workDir.resolve("children.jsa");
        List<String> record = new ArrayList<>(base);
        record.add("-XX:ArchiveClassesAtExit=" + archive);
        record.addAll(List.of("-cp", classPath));
        record.addAll(training);
        boolean recorded = false;
        try {
            Process p = new ProcessBuilder(record).redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("archive.log").toFile()).start();
            recorded = p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.size(archive) > 0;
            p.destroyForcibly();
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        List<String> command = new ArrayList<>(base);
        if (recorded) {
            command.add("-XX:SharedArchiveFile=" + archive);
        }
        command.addAll(List.of("-cp", classPath));
        return new ChildJvm(command, recorded);
    }

    /** This JVM's class path, with a manifest-only jar (surefire's booter) replaced by what it lists. */
    private static List<Path> classPath() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            String listed = null;
            if (Files.isRegularFile(p) && entry.endsWith(".jar")) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    if (jar.getManifest() != null && jar.stream().noneMatch(e -> e.getName().endsWith(".class"))) {
                        listed = jar.getManifest().getMainAttributes().getValue("Class-Path");
                    }
                }
            }
            if (listed == null) {
                out.add(p);
            } else {
                for (String url : listed.trim().split("\\s+")) {
                    out.add(Path.of(p.getParent().toUri().resolve(URI.create(url))));
                }
            }
        }
        return out;
    }

    /** Class-data sharing takes jars only: each class directory becomes a jar of its own. */
    private static List<String> jarred(List<Path> entries, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> out = new ArrayList<>();
        int n = 0;
        for (Path entry : entries) {
            if (!Files.isDirectory(entry)) {
                out.add(entry.toString());
                continue;
            }
            Path jar = dir.resolve("classes-" + (n++) + ".jar");
            try (JarOutputStream to = new JarOutputStream(Files.newOutputStream(jar));
                 Stream<Path> files = Files.walk(entry)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    to.putNextEntry(new JarEntry(entry.relativize(f).toString().replace(File.separatorChar, '/')));
                    Files.copy(f, to);
                    to.closeEntry();
                }
            }
            out.add(jar.toString());
        }
        return out;
    }

    /** SQLite's native library for this platform, extracted once from the sqlite-jdbc jar; null if not found. */
    private static Path sqliteLibrary(Path workDir) throws IOException {
        String resource = "/org/sqlite/native/" + org.sqlite.util.OSInfo.getNativeLibFolderPathForCurrentOS() + "/"
                + System.mapLibraryName("sqlitejdbc");
        try (InputStream in = org.sqlite.JDBC.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            Path dir = workDir.resolve("native");
            Files.createDirectories(dir);
            Path target = dir.resolve(System.mapLibraryName("sqlitejdbc"));
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
    }
}
