package dev.outpost.examples.backend.internal.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.outpost.examples.backend.internal.store.Catalog;
import dev.outpost.examples.backend.internal.store.Database;
import dev.outpost.examples.backend.internal.store.Rows;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * OData Repeatable Requests 1.0: a request with {@code Repeatability-Request-ID} and
 * {@code Repeatability-First-Sent} runs once; its response (status, headers, body) is recorded in
 * the same transaction as its effects, and a repeat gets the recorded response without running
 * again. Both carry {@code Repeatability-Result: accepted}. Responses with a 5xx status are not
 * recorded: nothing was committed, so a retry may run. Records are kept until reset.
 */
final class RepeatableRequests {

  static final String REQUEST_ID = "Repeatability-Request-ID";
  static final String CLIENT_ID = "Repeatability-Client-ID";
  static final String FIRST_SENT = "Repeatability-First-Sent";
  static final String RESULT = "Repeatability-Result";

  private static final JsonFactory JSON = new JsonFactory();

  private final Database database;

  RepeatableRequests(Database database) {
    this.database = database;
  }

  /** The identity of a repeatable request, or null when the request is not repeatable. */
  record Identity(String clientId, String requestId) {}

  /**
   * The identity that the headers name; throws {@link Refusal} when the headers are there but
   * malformed.
   */
  static Identity identity(String requestId, String clientId, String firstSent) {
    if (requestId == null) {
      return null;
    }
    if (firstSent == null) {
      throw new Refusal("A repeatable request needs Repeatability-First-Sent (an IMF-fixdate) with "
          + "Repeatability-Request-ID.");
    }
    try {
      DateTimeFormatter.RFC_1123_DATE_TIME.parse(firstSent);
    } catch (DateTimeParseException e) {
      throw new Refusal("Repeatability-First-Sent '" + firstSent + "' is not an IMF-fixdate such as "
          + "'Sun, 06 Nov 1994 08:49:37 GMT'.");
    }
    return new Identity(clientId == null ? "" : clientId, requestId);
  }

  /** The request's repeatability headers are malformed: answer 400 with Repeatability-Result: rejected. */
  static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refusal(String message) {
      super(message);
    }
  }

  /** Runs {@code execute} once for {@code identity}, or returns the answer recorded for it. */
  Answer once(Identity identity, Supplier<Answer> execute) {
    return database.transaction(connection -> {
      Answer recorded = find(connection, identity);
      if (recorded != null) {
        return recorded.with(RESULT, "accepted");
      }
      Answer answer = execute.get().with(RESULT, "accepted");
      if (answer.status() < 500) {
        record(connection, identity, answer);
      }
      return answer;
    });
  }

  /** The recorded answer for {@code identity}, or null. Call inside a transaction. */
  Answer find(Connection connection, Identity identity) throws SQLException {
    try (PreparedStatement statement = Rows.prepare(connection, "SELECT status, headers, body FROM "
        + Catalog.REPEATABLE + " WHERE client_id = ? AND request_id = ?",
        List.of(identity.clientId(), identity.requestId())); ResultSet result = statement.executeQuery()) {
      return result.next() ? new Answer(result.getInt(1), headers(result.getString(2)), result.getBytes(3)) : null;
    }
  }

  /** Records {@code answer} for {@code identity}. Call inside the transaction of the request's effects. */
  void record(Connection connection, Identity identity, Answer answer) throws SQLException {
    try (PreparedStatement statement = Rows.prepare(connection, "INSERT OR REPLACE INTO " + Catalog.REPEATABLE
        + " (client_id, request_id, status, headers, body) VALUES (?, ?, ?, ?, ?)", List.of(identity.clientId(),
        identity.requestId(), answer.status(), json(answer.headers()), answer.body()))) {
      statement.executeUpdate();
    }
  }

  private static String json(Map<String, List<String>> headers) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      for (Map.Entry<String, List<String>> header : headers.entrySet()) {
        json.writeArrayFieldStart(header.getKey());
        for (String value : header.getValue()) {
          json.writeString(value);
        }
        json.writeEndArray();
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static Map<String, List<String>> headers(String json) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    try (JsonParser parser = JSON.createParser(json)) {
      parser.nextToken();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.getCurrentName();
        List<String> values = new ArrayList<>();
        parser.nextToken();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          values.add(parser.getText());
        }
        headers.put(name, values);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("A recorded response has unreadable headers: " + json, e);
    }
    return headers;
  }
}
