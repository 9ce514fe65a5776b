package dev.outpost.internal.store;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * One request of the request queue as stored: what it does structurally (kind, entity set and
 * local entity ID, navigation, link target) and the OData request it becomes on upload (method,
 * URL with {@code Set($lid=n)} references, headers, JSON body).
 */
record StoredRequest(long id, String requestId, Kind kind, String method, String url, String entitySet, long lid,
                     String navigation, String targetSet, long targetLid, Map<String, String> headers, ObjectNode body,
                     String ifMatch, ObjectNode base, Long changeSet, String contentId, String transactionId,
                     String uploadCategory, String customTag, boolean unmodifiable, boolean removeAfterUpload,
                     String state, String firstSent, String created) {

    /** What a request does. */
    enum Kind {
        CREATE, CREATE_RELATED, UPDATE, DELETE, CREATE_LINK, UPDATE_LINK, DELETE_LINK;

        /** The name stored in the queue. */
        String stored() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        static Kind ofStored(String s) {
            return valueOf(s.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        }

        boolean isLink() {
            return this == CREATE_LINK || this == UPDATE_LINK || this == DELETE_LINK;
        }
    }

    /** The local URL of an entity: {@code Set($lid=n)}. */
    static String lidUrl(String entitySet, long lid) {
        return entitySet + "($lid=" + lid + ")";
    }

    /** This request with the local ID of the entity it creates. */
    StoredRequest withLid(long newLid) {
        return new StoredRequest(id, requestId, kind, method, url, entitySet, newLid, navigation, targetSet, targetLid,
                headers, body, ifMatch, base, changeSet, contentId, transactionId, uploadCategory, customTag,
                unmodifiable, removeAfterUpload, state, firstSent, created);
    }

    /** This request with another body. */
    StoredRequest withBody(ObjectNode newBody) {
        return new StoredRequest(id, requestId, kind, method, url, entitySet, lid, navigation, targetSet, targetLid,
                headers, newBody, ifMatch, base, changeSet, contentId, transactionId, uploadCategory, customTag,
                unmodifiable, removeAfterUpload, state, firstSent, created);
    }
}
