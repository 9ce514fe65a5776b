package dev.outpost;

import java.util.Objects;

/**
 * A value of {@code Edm.Untyped} (or a dynamic property of an open type): raw JSON, kept as
 * written by the service.
 *
 * @param json the JSON text
 */
public record JsonValue(String json) {

    public JsonValue {
        Objects.requireNonNull(json, "json");
    }
}
