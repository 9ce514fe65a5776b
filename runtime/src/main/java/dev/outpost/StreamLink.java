package dev.outpost;

/**
 * A stream property or a media entity's stream as the service describes it. Outpost keeps these
 * links; stream content itself is not stored offline.
 *
 * @param readLink where the content can be read
 * @param editLink where the content can be replaced
 * @param contentType the media type, if known
 * @param etag the stream's ETag, if known
 */
public record StreamLink(String readLink, String editLink, String contentType, String etag) {
}
