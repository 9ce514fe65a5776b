package dev.outpost;

/**
 * A request the back end rejected during an upload (S6, S8). It stays in the request queue in
 * state {@code failed}, with this error in the {@code ErrorArchive} entity set, until it is
 * resolved with {@link OfflineStore#resolve(long, Resolution)} or undone.
 *
 * @param errorId the error's ID in {@code ErrorArchive}
 * @param requestId the request's ID in {@code RequestQueue}
 * @param method the HTTP method
 * @param url the request URL (relative to the service root, local entities as {@code Set($lid=n)})
 * @param affectedEntity the readLink of the entity the request changes
 * @param status the HTTP status the back end answered
 * @param code the OData error code, or null
 * @param message the OData error message, or the status text
 * @param conflict whether it is an ETag conflict (412): the archive then also holds the server's state
 */
public record FailedRequest(long errorId, long requestId, String method, String url, String affectedEntity, int status,
                            String code, String message, boolean conflict) {
}
