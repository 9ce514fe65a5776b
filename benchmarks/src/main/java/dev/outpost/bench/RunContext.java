package dev.outpost.bench;

import java.nio.file.Path;

/**
 * What a suite may use to configure its benchmarks.
 *
 * @param corpus the directory of real {@code $metadata} documents ({@code ../shared/corpus})
 * @param document the corpus document benchmarks read, for example {@code msgraph-v1.0.xml}
 */
public record RunContext(Path corpus, String document) {

    /** The chosen document's path. */
    public Path documentPath() {
        return corpus.resolve(document);
    }
}
