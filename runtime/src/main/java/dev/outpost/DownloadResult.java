package dev.outpost;

import java.time.Duration;
import java.util.List;

/**
 * What a download did.
 *
 * @param definingQueries the defining queries downloaded, in order
 * @param entities top-level entries the defining queries returned, a delta's {@code @removed} entries
 *     included; entities expanded inside them are stored too, but not counted
 * @param removed entities the back end deleted or no longer returns that left the store
 * @param pages pages read
 * @param delta how many of the defining queries used a delta link
 * @param schemaVersion the store's schema version afterwards (one more when the $metadata changed additively)
 * @param duration how long it took
 */
public record DownloadResult(List<String> definingQueries, long entities, long removed, long pages, int delta,
                             int schemaVersion, Duration duration) {
}
