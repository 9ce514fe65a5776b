package dev.outpost.internal.sync;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.SyncException;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one page of an OData JSON collection response with Jackson's streaming parser: each
 * entity of {@code value} is handed over as soon as it is read, so a page is never held whole;
 * {@code @odata.nextLink} and {@code @odata.deltaLink} are picked up wherever they appear.
 */
final class PageReader {

    /** Receives the entities of a page. */
    interface Sink {
        void entity(ObjectNode entity, boolean removed) throws IOException;
    }

    /** The links a page ended with. */
    record Links(String next, String delta) {
    }

    private final ObjectMapper mapper;

    PageReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    Links read(InputStream in, String where, Sink sink) throws IOException {
        String next = null;
        String delta = null;
        boolean sawValue = false;
        try (JsonParser p = mapper.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw malformed(where, "the response is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "value" -> {
                        if (t != JsonToken.START_ARRAY) {
                            throw malformed(where, "\"value\" is not an array");
                        }
                        sawValue = true;
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            JsonNode node = mapper.readTree(p);
                            ObjectNode entity = (ObjectNode) node;
                            sink.entity(entity, entity.has("@removed") || entity.has("@odata.removed"));
                        }
                        if (p.currentToken() != JsonToken.END_ARRAY) {
                            throw malformed(where, "\"value\" holds something other than entities");
                        }
                    }
                    case "@odata.nextLink", "@nextLink" -> next = text(p, where, field);
                    case "@odata.deltaLink", "@deltaLink" -> delta = text(p, where, field);
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw malformed(where, "the response ends early");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // some errors (an entity that does not bind to a node, ...) come without a location
            var at = e.getLocation();
            throw malformed(where, "the response is not valid JSON (" + e.getOriginalMessage() + (at == null ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ")");
        }
        if (!sawValue) {
            throw malformed(where, "the response has no \"value\" array of entities");
        }
        return new Links(next, delta);
    }

    private static String text(JsonParser p, String where, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw malformed(where, field + " is not a string");
        }
        return p.getText();
    }

    private static SyncException malformed(String where, String what) {
        return new SyncException(502, where + ": " + what + "; the download stopped and the store is unchanged");
    }
}
