package dev.outpost;

/**
 * Hears about a running download or upload (S1, S6). Called on the sync thread: return quickly
 * and do not call back into the store from here.
 */
public interface SyncListener {

    /** Progress of the running operation. */
    default void progress(SyncProgress progress) {
    }

    /** Called once for every request the back end rejected; the request waits in the error archive. */
    default void requestFailed(FailedRequest failure) {
    }
}
