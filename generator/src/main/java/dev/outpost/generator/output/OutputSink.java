package dev.outpost.generator.output;

/**
 * Where emitters write: the only way generated files leave an emitter, so that tests keep them in
 * memory and the Maven plugin and command line write them to directories.
 */
@FunctionalInterface
public interface OutputSink {

    /**
     * Accepts one file.
     *
     * @throws java.io.UncheckedIOException if it cannot be written
     */
    void write(GeneratedFile file);
}
