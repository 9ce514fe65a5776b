package dev.outpost.examples.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small HTTP client for the conformance tests: real requests over loopback. */
final class Client {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI root;

  Client(FieldServiceBackend backend) {
    this.root = backend.serviceRoot();
  }

  /** The URI of {@code path} relative to the service root (spaces and quotes need no escaping). */
  URI uri(String path) {
    return URI.create(root + path.replace(" ", "%20").replace("'", "%27"));
  }

  HttpResponse<String> get(String path, String... headers) {
    return send(request(path, headers).GET().build());
  }

  HttpResponse<String> post(String path, String body, String... headers) {
    return send(json(path, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  HttpResponse<String> patch(String path, String body, String... headers) {
    return send(json(path, headers).method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build());
  }

  HttpResponse<String> put(String path, String body, String... headers) {
    return send(json(path, headers).PUT(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  HttpResponse<String> delete(String path, String... headers) {
    return send(request(path, headers).DELETE().build());
  }

  HttpRequest.Builder request(String path, String... headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(path.startsWith("http") ? URI.create(path) : uri(path))
        .timeout(Duration.ofSeconds(30));
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder;
  }

  private HttpRequest.Builder json(String path, String... headers) {
    return request(path, headers).header("Content-Type", "application/json");
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("Not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }
}
