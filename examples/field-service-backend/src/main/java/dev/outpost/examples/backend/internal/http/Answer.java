package dev.outpost.examples.backend.internal.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.olingo.server.api.ODataResponse;

/**
 * A complete response held in memory, so that it can be recorded for repeatable requests,
 * journaled, and written (or, for fault injection, not written) after the transaction commits.
 *
 * @param status the HTTP status
 * @param headers response headers in order
 * @param body the response body
 */
record Answer(int status, Map<String, List<String>> headers, byte[] body) {

  static Answer of(ODataResponse response) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    response.getAllHeaders().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
    byte[] body;
    try (InputStream content = response.getContent()) {
      body = content == null ? new byte[0] : content.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Reading the response failed", e);
    }
    return new Answer(response.getStatusCode(), headers, body);
  }

  /** A plain-text answer, for refusals made before OData processing. */
  static Answer text(int status, String message) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", new ArrayList<>(List.of("text/plain;charset=utf-8")));
    return new Answer(status, headers, message.getBytes(StandardCharsets.UTF_8));
  }

  /** This answer with header {@code name} set to {@code value}. */
  Answer with(String name, String value) {
    Map<String, List<String>> changed = new LinkedHashMap<>(headers);
    changed.put(name, new ArrayList<>(List.of(value)));
    return new Answer(status, changed, body);
  }
}
