package dev.outpost;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.query.DataQuery;
import dev.outpost.testing.FieldService;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A store on a temporary SQLite file with the field-service model, plus ways to look into it. */
final class StoreFixture implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    final OfflineStore store;
    final DataService service;

    StoreFixture(Path dir) {
        this.store = OfflineStore.open(StoreOptions.of(dir.resolve("store.db"), FieldService.model()));
        this.service = new DataService(store);
    }

    /** Publishes server state as a download would: entities as OData JSON. */
    void serverHas(String set, String... json) {
        List<ObjectNode> entities = new ArrayList<>();
        for (String j : json) {
            entities.add(parse(j));
        }
        store.local().publishServerState(set, entities, List.of());
    }

    /** Publishes that the server deleted entities, given by their keys as JSON. */
    void serverDeleted(String set, String... keys) {
        List<ObjectNode> deleted = new ArrayList<>();
        for (String k : keys) {
            deleted.add(parse(k));
        }
        store.local().publishServerState(set, List.of(), deleted);
    }

    static ObjectNode parse(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<EntityValue> query(String url) {
        return service.executeQuery(DataQuery.parse(url)).entities();
    }

    EntityValue one(String url) {
        List<EntityValue> all = query(url);
        if (all.size() != 1) {
            throw new AssertionError("expected one entity for " + url + " but got " + all);
        }
        return all.get(0);
    }

    /** Each queued request as "METHOD URL BODY". */
    List<String> queue() {
        List<String> out = new ArrayList<>();
        for (EntityValue r : query("RequestQueue?$orderby=RequestID")) {
            String body = (String) r.getValue("Body");
            out.add(r.getValue("Method") + " " + r.getValue("URL") + (body == null ? "" : " " + body));
        }
        return out;
    }

    @Override
    public void close() {
        store.close();
    }
}
