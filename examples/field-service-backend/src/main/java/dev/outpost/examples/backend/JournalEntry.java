package dev.outpost.examples.backend;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One request the back end received, as recorded in its {@link Journal}.
 *
 * @param method the HTTP method
 * @param url the request URL as received, with its query
 * @param headers request headers by lower-case name
 * @param body the request body (empty if none)
 * @param status the status answered (also for a response that was then dropped)
 * @param connectionDropped whether the connection was dropped instead of answering (fault injection)
 * @param batchParts for {@code $batch}, the parsed parts in order; empty otherwise
 */
public record JournalEntry(String method, String url, Map<String, List<String>> headers, byte[] body, int status,
    boolean connectionDropped, List<BatchPart> batchParts) {

  /** The first value of request header {@code name} (any case), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The body as UTF-8 text. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * One request inside a {@code $batch}.
   *
   * @param changeSet the number of the change set it belongs to (0, 1, ... in order of the
   *     change sets in the batch), or -1 for a request outside change sets
   * @param method the HTTP method
   * @param url the URL as written in the batch, relative to the service root
   * @param contentId the Content-ID, or null
   * @param headers the request's headers by lower-case name
   * @param body the request's body as UTF-8 text
   */
  public record BatchPart(int changeSet, String method, String url, String contentId,
      Map<String, List<String>> headers, String body) {}
}
