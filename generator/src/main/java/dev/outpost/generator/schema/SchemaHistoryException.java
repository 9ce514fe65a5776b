package dev.outpost.generator.schema;

/**
 * A service's schema history in the source tree cannot be used: files are missing, misnumbered
 * or unreadable. The message names the files and what to do.
 */
public final class SchemaHistoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception whose message says what is wrong, where, and what to do. */
    public SchemaHistoryException(String message) {
        super(message);
    }
}
