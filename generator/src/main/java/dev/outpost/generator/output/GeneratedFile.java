package dev.outpost.generator.output;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One file an emitter produced: where it goes, relative to the root of its kind, and its bytes.
 * Text files are UTF-8 with {@code \n} line ends.
 */
public final class GeneratedFile implements Comparable<GeneratedFile> {

    /** Which root a file belongs under: the build adds sources and resources to different roots. */
    public enum Kind {
        /** A Java source file, to compile. */
        SOURCE,
        /** A resource to package with the classes, such as the {@code $metadata} document. */
        RESOURCE
    }

    private final Kind kind;
    private final String path;
    private final byte[] content;

    /**
     * A file.
     *
     * @param kind the root the file goes under
     * @param path the path below that root, with {@code /} separators, such as {@code com/example/Person.java}
     * @param content the bytes
     */
    public GeneratedFile(Kind kind, String path, byte[] content) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.path = Objects.requireNonNull(path, "path");
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("..")) {
            throw new IllegalArgumentException("'" + path + "' is not a relative path with / separators");
        }
        this.content = content.clone();
    }

    /** A UTF-8 text file. */
    public static GeneratedFile text(Kind kind, String path, String text) {
        return new GeneratedFile(kind, path, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The root this file goes under. */
    public Kind kind() {
        return kind;
    }

    /** The path below the root, with {@code /} separators. */
    public String path() {
        return path;
    }

    /** The bytes (a copy). */
    public byte[] content() {
        return content.clone();
    }

    /** The content as UTF-8 text. */
    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** Orders by kind, then path. */
    @Override
    public int compareTo(GeneratedFile other) {
        int c = kind.compareTo(other.kind);
        return c != 0 ? c : path.compareTo(other.path);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeneratedFile f && kind == f.kind && path.equals(f.path) && Arrays.equals(content, f.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, path, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return kind + ":" + path;
    }
}
