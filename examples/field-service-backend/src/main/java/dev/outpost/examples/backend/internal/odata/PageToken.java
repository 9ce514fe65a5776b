package dev.outpost.examples.backend.internal.odata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.outpost.examples.backend.internal.store.Rejected;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What a next link remembers ({@code $skiptoken}): how many entities were served, the key of the
 * last one (key-order reads continue after it), the version the read started at (its delta
 * link starts there), and for delta responses the last change served.
 *
 * @param served entities served so far
 * @param lastKey stored key values of the last entity served, or null
 * @param since the version the read (or the delta response) covers changes up to; -1 when not tracked
 * @param lastChange for delta responses, the version of the last change served; -1 otherwise
 */
record PageToken(long served, List<Object> lastKey, long since, long lastChange) {

  private static final JsonFactory JSON = new JsonFactory();

  static PageToken first(long since) {
    return new PageToken(0, null, since, -1);
  }

  String encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartArray();
      json.writeNumber(served);
      json.writeNumber(since);
      json.writeNumber(lastChange);
      if (lastKey != null) {
        for (Object value : lastKey) {
          if (value instanceof Long number) {
            json.writeNumber(number);
          } else {
            json.writeString((String) value);
          }
        }
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new IllegalStateException("Writing a skip token to memory failed", e);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
  }

  static PageToken decode(String token) {
    try (JsonParser json = JSON.createParser(Base64.getUrlDecoder().decode(token))) {
      expect(json.nextToken() == JsonToken.START_ARRAY);
      json.nextToken();
      long served = json.getLongValue();
      json.nextToken();
      long since = json.getLongValue();
      json.nextToken();
      long lastChange = json.getLongValue();
      List<Object> key = new ArrayList<>();
      for (JsonToken token2 = json.nextToken(); token2 != JsonToken.END_ARRAY; token2 = json.nextToken()) {
        key.add(token2 == JsonToken.VALUE_NUMBER_INT ? (Object) json.getLongValue() : json.getText());
      }
      return new PageToken(served, key.isEmpty() ? null : key, since, lastChange);
    } catch (IOException | IllegalArgumentException e) {
      throw new Rejected(400, "The $skiptoken " + token + " was not made by this service; follow next links"
          + " as they are.");
    }
  }

  private static void expect(boolean condition) throws IOException {
    if (!condition) {
      throw new IOException("not a JSON array");
    }
  }
}
