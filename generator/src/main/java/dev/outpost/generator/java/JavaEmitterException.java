package dev.outpost.generator.java;

/**
 * The Java emitter could not produce a file: a template failed, or rendered Java that does not
 * parse. Either is a bug in the generator; the message names the generated file and line.
 */
public final class JavaEmitterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** An exception with a message that says what failed and where. */
    public JavaEmitterException(String message) {
        super(message);
    }

    /** An exception with a message and its cause. */
    public JavaEmitterException(String message, Throwable cause) {
        super(message, cause);
    }
}
