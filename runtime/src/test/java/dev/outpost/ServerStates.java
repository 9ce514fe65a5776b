package dev.outpost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.internal.store.ValueCodec;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * For tests in other packages: publishes server state into a store as a download would, before
 * sync exists (the crash harness seeds and changes server state with it).
 */
public final class ServerStates {

    private ServerStates() {
    }

    /** Publishes entities (OData JSON objects) of one entity set as server state, in one transaction. */
    public static void publish(OfflineStore store, String entitySet, String... json) {
        store.local().publishServerState(entitySet, objects(json), List.of());
    }

    /** Publishes that the server deleted entities, given by their keys as JSON objects. */
    public static void deleted(OfflineStore store, String entitySet, String... keys) {
        store.local().publishServerState(entitySet, List.of(), objects(keys));
    }

    private static List<ObjectNode> objects(String... json) {
        List<ObjectNode> out = new ArrayList<>();
        for (String j : json) {
            try {
                out.add((ObjectNode) ValueCodec.JSON.readTree(j));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
