package dev.outpost.cli;

/** A command cannot do what was asked; the message says what, where and what to do. */
final class CommandFailure extends RuntimeException {

    CommandFailure(String message) {
        super(message);
    }

    CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
