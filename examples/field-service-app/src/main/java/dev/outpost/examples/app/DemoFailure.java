package dev.outpost.examples.app;

/** A demo step that could not be completed; the message names the step and what went wrong. */
public final class DemoFailure extends Exception {

    private static final long serialVersionUID = 1L;

    DemoFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
