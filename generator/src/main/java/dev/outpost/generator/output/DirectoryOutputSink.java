package dev.outpost.generator.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writes sources below one directory and resources below another, as a build wants them (for
 * Maven, {@code target/generated-sources/outpost} and {@code target/generated-resources/outpost}).
 * A file whose content is unchanged is left alone, so that its timestamp does not trigger
 * recompilation.
 */
public final class DirectoryOutputSink implements OutputSink {

    private final Path sourceRoot;
    private final Path resourceRoot;

    /** A sink writing sources below {@code sourceRoot} and resources below {@code resourceRoot}. */
    public DirectoryOutputSink(Path sourceRoot, Path resourceRoot) {
        this.sourceRoot = Objects.requireNonNull(sourceRoot, "sourceRoot");
        this.resourceRoot = Objects.requireNonNull(resourceRoot, "resourceRoot");
    }

    @Override
    public void write(GeneratedFile file) {
        Path root = file.kind() == GeneratedFile.Kind.SOURCE ? sourceRoot : resourceRoot;
        Path target = root.resolve(file.path());
        byte[] content = file.content();
        try {
            if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), content)) {
                return;
            }
            Files.createDirectories(target.getParent());
            Files.write(target, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage()
                    + "; check that the output directory is writable", e);
        }
    }
}
