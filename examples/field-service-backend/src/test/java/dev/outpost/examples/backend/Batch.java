package dev.outpost.examples.backend;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

/** Writes multipart/mixed $batch request bodies for tests. */
final class Batch {

  private final StringBuilder body = new StringBuilder();
  private final List<String> changeSet = new ArrayList<>();
  private int changeSets;

  /** Adds a request outside change sets. */
  Batch request(String method, String url, String json, String... headers) {
    body.append("--batch\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n")
        .append(http(method, url, json, headers));
    return this;
  }

  /** Adds a change set of requests made with {@link #part}. */
  Batch changeSet(String... parts) {
    String boundary = "changeset" + (++changeSets);
    body.append("--batch\r\nContent-Type: multipart/mixed; boundary=").append(boundary).append("\r\n\r\n");
    for (String part : parts) {
      body.append("--").append(boundary).append("\r\n").append(part);
    }
    body.append("--").append(boundary).append("--\r\n");
    return this;
  }

  /** A request inside a change set, with its Content-ID. */
  static String part(String contentId, String method, String url, String json, String... headers) {
    return "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: " + contentId
        + "\r\n\r\n" + http(method, url, json, headers);
  }

  private static String http(String method, String url, String json, String... headers) {
    StringBuilder request = new StringBuilder(method).append(' ').append(url).append(" HTTP/1.1\r\n");
    for (int i = 0; i < headers.length; i += 2) {
      request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
    }
    if (json != null) {
      request.append("Content-Type: application/json\r\n\r\n").append(json).append("\r\n");
    } else {
      request.append("\r\n");
    }
    return request.append("\r\n").toString();
  }

  HttpRequest.Builder into(HttpRequest.Builder request) {
    return request.header("Content-Type", "multipart/mixed; boundary=batch")
        .POST(HttpRequest.BodyPublishers.ofString(body + "--batch--\r\n"));
  }
}
