package dev.outpost.generator.output;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** Keeps written files in memory, for tests and for callers that post-process the output. */
public final class InMemoryOutputSink implements OutputSink {

    private final TreeMap<String, GeneratedFile> files = new TreeMap<>();

    /** An empty sink. */
    public InMemoryOutputSink() {
    }

    /**
     * Keeps the file.
     *
     * @throws IllegalStateException if a file of the same kind and path was written before
     */
    @Override
    public synchronized void write(GeneratedFile file) {
        GeneratedFile previous = files.putIfAbsent(file.kind() + ":" + file.path(), file);
        if (previous != null) {
            throw new IllegalStateException(file + " was written twice");
        }
    }

    /** The files written so far, ordered by kind and path. */
    public synchronized List<GeneratedFile> files() {
        List<GeneratedFile> sorted = new ArrayList<>(files.values());
        sorted.sort(null);
        return sorted;
    }
}
