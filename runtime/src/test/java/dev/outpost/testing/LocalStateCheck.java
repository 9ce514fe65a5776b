package dev.outpost.testing;

import dev.outpost.DataService;
import dev.outpost.OfflineStore;

import java.util.List;
import java.util.Map;

/** Checks of invariant 3 (local state is server state plus the request queue replayed) from outside the store. */
public final class LocalStateCheck {

    private LocalStateCheck() {
    }

    /**
     * Undoing the pending changes of an entity that has none makes the store recompute all local
     * state from server state and the queue; that must change nothing, or the two disagreed.
     *
     * @param probe the readLink of an entity without pending changes; null skips the check
     * @throws AssertionError naming the rows the recomputation changed
     */
    public static void assertReplayable(OfflineStore store, String probe) {
        if (probe == null) {
            return;
        }
        Map<String, List<String>> before = StoreFingerprint.comparable(store.file());
        new DataService(store).undoPendingChanges(probe);
        Map<String, List<String>> after = StoreFingerprint.comparable(store.file());
        if (!before.equals(after)) {
            throw new AssertionError("recomputing local state from server state and the request queue changed the"
                    + " store, so the two disagreed:\n" + StoreFingerprint.difference(before, after));
        }
    }
}
