package dev.outpost.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Request bodies as the back end will see them: without the store's own {@code @outpost.*} markers. */
final class RequestBodies {

    private RequestBodies() {
    }

    /** The body JSON without markers. */
    static String withoutMarkers(String json) {
        JsonNode node = ValueCodec.parse(json);
        strip(node);
        return node.toString();
    }

    /** Removes the markers in place, recursively. */
    static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(java.util.List.of(RequestApplier.LID, RequestApplier.SET));
            o.forEach(RequestBodies::strip);
        } else if (node.isArray()) {
            node.forEach(RequestBodies::strip);
        }
    }
}
