package dev.outpost.internal.sync;

import java.util.concurrent.CancellationException;

/**
 * Cancels a running sync: the flag is checked between steps, and whatever blocks on the network
 * (a pending request, a body being read) is closed at once.
 */
final class Cancellation {

    private volatile boolean cancelled;
    private volatile Runnable onCancel;

    /** Throws {@link CancellationException} once cancelled. */
    void check() {
        if (cancelled) {
            throw new CancellationException("the sync was cancelled");
        }
    }

    boolean isCancelled() {
        return cancelled;
    }

    /** What to run on cancel (closing the current request or body); null forgets it. */
    void onCancel(Runnable action) {
        onCancel = action;
        if (cancelled && action != null) {
            action.run();
        }
    }

    void cancel() {
        cancelled = true;
        Runnable action = onCancel;
        if (action != null) {
            action.run();
        }
    }
}
