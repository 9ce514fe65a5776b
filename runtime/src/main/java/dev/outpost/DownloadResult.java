package dev.outpost;

import java.time.Duration;
import java.util.List;

/**
 * What a download did.
 *
 * @param definingQueries the defining queries downloaded, in order
 * @param entities entities received (expanded ones included)
 * @param removed entities the back end deleted or no longer returns that left the store
 * @param pages pages read
 * @param delta how many of the defining queries used a delta link
 * @param schemaVersion the store's schema version afterwards (one more when the $metadata changed additively)
 * @param duration how long it took
 */
public record DownloadResult(List<String> definingQueries, long entities, long removed, long pages, int delta,
                             int schemaVersion, Duration duration) {
}
