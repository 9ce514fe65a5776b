package dev.outpost;

/**
 * No entity answers a readLink or key: it was deleted, never downloaded, or removed after upload
 * ({@code removeCreatedEntityAfterUpload}). The equivalent of HTTP 404.
 */
public final class EntityNotFoundException extends DataRequestException {

    private final String readLink;

    /** Creates the exception for the readLink that found nothing. */
    public EntityNotFoundException(String readLink) {
        super(404, "no entity at '" + readLink + "' (404): it was deleted, is not in the store's defining queries,"
                + " or was removed after upload; check the readLink or download first");
        this.readLink = readLink;
    }

    /** The readLink that found nothing. */
    public String readLink() {
        return readLink;
    }
}
