package dev.outpost.internal.sync;

import com.fasterxml.jackson.databind.JsonNode;
import dev.outpost.internal.store.ValueCodec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reading OData error bodies into short, safe text for messages and the error archive. */
final class Responses {

    private static final int MAX = 2000;

    private Responses() {
    }

    /** The error of a response body: the OData error's code and message, or the start of the text. */
    static String errorText(Http.Response r) {
        try {
            return errorText(r.bytes());
        } catch (IOException e) {
            return "";
        }
    }

    static String errorText(byte[] body) {
        Error e = error(body);
        if (e.message() == null && e.code() == null) {
            return "";
        }
        return (e.code() == null ? "" : e.code() + ": ") + (e.message() == null ? "" : e.message());
    }

    /** An OData error: code, message and inner error (JSON text), any of them null. */
    record Error(String code, String message, String innerError) {
    }

    static Error error(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) {
            return new Error(null, null, null);
        }
        try {
            JsonNode json = ValueCodec.JSON.readTree(text);
            JsonNode error = json.path("error");
            if (error.isObject()) {
                String code = error.path("code").isValueNode() ? error.path("code").asText(null) : null;
                String message = error.path("message").isValueNode() ? error.path("message").asText(null) : null;
                JsonNode inner = error.path("innererror").isMissingNode() ? error.path("details") : error.path("innererror");
                return new Error(code, cut(message), inner.isMissingNode() || inner.isNull() ? null : cut(inner.toString()));
            }
        } catch (IOException notJson) {
            // plain text or HTML: keep its start
        }
        return new Error(null, cut(text), null);
    }

    private static String cut(String s) {
        return s == null || s.length() <= MAX ? s : s.substring(0, MAX) + "…";
    }
}
