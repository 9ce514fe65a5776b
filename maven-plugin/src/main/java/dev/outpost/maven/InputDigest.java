package dev.outpost.maven;

import dev.outpost.generator.Generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The digest that decides whether {@code generate} has anything to do: a SHA-256 over every input
 * (the {@code $metadata} documents, each service's schema history files), the configuration that
 * shapes the output (packages, names, severities, threshold, directories) and the generator's
 * version — for a snapshot version also the generator jar's own bytes, so that a rebuilt
 * generator regenerates. Never "the output directory exists".
 */
final class InputDigest {

    private final MessageDigest sha;

    InputDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        text("generator " + Generator.version());
        if (Generator.version().endsWith("-SNAPSHOT")) {
            generatorJar();
        }
    }

    /** Adds a labelled piece of configuration. */
    InputDigest text(String value) {
        byte[] bytes = String.valueOf(value).getBytes(StandardCharsets.UTF_8);
        sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        sha.update((byte) ':');
        sha.update(bytes);
        return this;
    }

    /** Adds a file's name and content, or that it is absent. */
    InputDigest file(Path file) {
        text(file.toString());
        if (!Files.isRegularFile(file)) {
            return text("(absent)");
        }
        try {
            return text(Long.toString(Files.size(file))).bytes(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " for the up-to-date check: " + e.getMessage(), e);
        }
    }

    /** Adds every file below a directory, in name order; an absent directory counts as empty. */
    InputDigest directory(Path dir) {
        text("dir " + dir);
        if (!Files.isDirectory(dir)) {
            return this;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> sorted = files.filter(Files::isRegularFile).sorted().toList();
            sorted.forEach(this::file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + " for the up-to-date check: " + e.getMessage(), e);
        }
        return this;
    }

    private InputDigest bytes(byte[] bytes) {
        sha.update(bytes);
        return this;
    }

    private void generatorJar() {
        try {
            Path code = Path.of(Generator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(code)) {
                bytes(Files.readAllBytes(code));
            }
        } catch (URISyntaxException | IOException | SecurityException e) {
            text("generator jar unreadable: " + e.getClass().getName());
        }
    }

    /** The digest in hex. */
    String hex() {
        return HexFormat.of().formatHex(sha.digest());
    }
}
