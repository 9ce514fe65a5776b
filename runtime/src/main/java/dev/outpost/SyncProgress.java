package dev.outpost;

/**
 * Where a sync operation is.
 *
 * @param phase what runs
 * @param definingQuery the defining query being downloaded or published, or null
 * @param entities entities received so far (download) or published (publish)
 * @param requestsSent requests sent so far (upload)
 * @param requestsTotal requests this upload sends at most
 * @param bytes response bytes received so far
 */
public record SyncProgress(Phase phase, String definingQuery, long entities, long requestsSent, long requestsTotal,
                           long bytes) {

    /** The phases of a sync. */
    public enum Phase {
        /** Pages are read and staged. */
        DOWNLOAD,
        /** Staged entities become visible, in one transaction. */
        PUBLISH,
        /** Queued requests are sent as $batch. */
        UPLOAD
    }
}
