package dev.outpost;

/**
 * The store file cannot be used: it belongs to another service, its schema cannot be migrated
 * to the current model, or SQLite failed. The message names what was expected and found.
 */
public final class StoreException extends OutpostException {

    /** Creates the exception with a message that says what to do. */
    public StoreException(String message) {
        super(message);
    }

    /** Creates the exception with a cause. */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
