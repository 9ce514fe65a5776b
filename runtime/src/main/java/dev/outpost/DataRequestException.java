package dev.outpost;

/**
 * A query or local change was refused: bad input, a missing entity, a read-only set, a
 * duplicate key. Carries the HTTP status the same request would get from an OData service.
 * Nothing was changed: the store and the request queue are as they were before the call.
 */
public class DataRequestException extends OutpostException {

    private final int status;

    /** Creates the exception with the equivalent HTTP status and a message that says what to do. */
    public DataRequestException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** Creates the exception with a cause. */
    public DataRequestException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The equivalent HTTP status: 400 bad request, 404 not found, 405 read-only, 409 conflict, ... */
    public int status() {
        return status;
    }
}
