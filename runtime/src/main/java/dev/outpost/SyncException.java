package dev.outpost;

/**
 * A download or upload could not talk to the back end (network, timeout, authentication, a
 * refused or unreadable response). Requests stay queued and the store keeps its last complete
 * state; run the operation again to continue where it stopped.
 */
public class SyncException extends OutpostException {

    private final int status;

    /** A failure without an HTTP status (network, timeout). */
    public SyncException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** A failure the back end answered with an HTTP status. */
    public SyncException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status, or 0 when the back end did not answer. */
    public int status() {
        return status;
    }
}
