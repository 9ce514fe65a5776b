package dev.outpost;

/**
 * Base of every error Outpost reports. Messages say what was wrong, where, and what to do.
 * Operations that fail with an {@code OutpostException} leave the store and the request queue
 * unchanged.
 */
public class OutpostException extends RuntimeException {

    /** Creates an exception with a message that says what failed, where, and what to do. */
    public OutpostException(String message) {
        super(message);
    }

    /** Creates an exception with a message and the underlying cause. */
    public OutpostException(String message, Throwable cause) {
        super(message, cause);
    }
}
