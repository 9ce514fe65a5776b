package dev.outpost;

/** How to resolve a failed request in the error archive (S8). */
public enum Resolution {
    /**
     * Send the local change again; for a conflict, over the server's current state (its ETag
     * replaces the one the change was made on).
     */
    KEEP_LOCAL,
    /** Drop the entity's pending changes and take the server's state. */
    KEEP_SERVER,
    /**
     * Keep both sides' changes: allowed when they changed different properties (uploads do this
     * by themselves); refused, naming the properties, when both changed the same ones.
     */
    MERGE
}
