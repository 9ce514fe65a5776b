package dev.outpost.internal.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The durable request queue: appended in the same transaction as the local change, read in FIFO
 * order, with an index of the entities each request touches (for pending-change filters, undo and
 * upload dependencies). The index is kept durably as JSON in each request's row, and for lookups
 * in a temporary table {@code $request_entities} that triggers keep in step with those rows
 * ({@link SystemSchema#requestIndex()}). A separate durable table would add a page to every local
 * write's commit.
 */
final class RequestQueue {

    static final String MODIFIED = "modified";
    static final String REFERENCED = "referenced";

    private static final String COLUMNS = "\"id\", \"request_id\", \"kind\", \"method\", \"url\", \"entity_set\", \"lid\","
            + " \"navigation\", \"target_set\", \"target_lid\", \"headers\", \"body\", \"if_match\", \"base\", \"change_set\","
            + " \"content_id\", \"transaction_id\", \"upload_category\", \"custom_tag\", \"unmodifiable\","
            + " \"remove_after_upload\", \"state\", \"first_sent\", \"created\"";

    private final Database db;
    /** How many requests the queue holds; -1 until first counted. Only this class changes the queue. */
    private long size = -1;

    RequestQueue(Database db) {
        this.db = db;
    }

    /** Whether the queue is certainly empty, so that queries can skip computing pending changes. */
    boolean isKnownEmpty() {
        try {
            return size() == 0;
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Appends a request and its entity index. Local writes never need its queue ID back, and
     * reading it would cost a statement per write; {@link #insertAt} reads it.
     */
    void append(StoredRequest r, Map<String, List<Long>> modified, Map<String, List<Long>> referenced) throws SQLException {
        PreparedStatement p = db.prepare("INSERT INTO \"$requests\" (\"request_id\", \"kind\", \"method\", \"url\","
                + " \"entity_set\", \"lid\", \"navigation\", \"target_set\", \"target_lid\", \"headers\", \"body\", \"if_match\","
                + " \"base\", \"change_set\", \"content_id\", \"transaction_id\", \"upload_category\", \"custom_tag\","
                + " \"unmodifiable\", \"remove_after_upload\", \"state\", \"created\", \"entities\")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        int i = 1;
        p.setString(i++, r.requestId());
        p.setString(i++, r.kind().stored());
        p.setString(i++, r.method());
        p.setString(i++, r.url());
        p.setString(i++, r.entitySet());
        p.setLong(i++, r.lid());
        p.setString(i++, r.navigation());
        p.setString(i++, r.targetSet());
        if (r.targetLid() > 0) {
            p.setLong(i++, r.targetLid());
        } else {
            p.setNull(i++, java.sql.Types.INTEGER);
        }
        p.setString(i++, json(r.headers()));
        p.setString(i++, r.body() == null ? null : r.body().toString());
        p.setString(i++, r.ifMatch());
        p.setString(i++, r.base() == null ? null : r.base().toString());
        if (r.changeSet() != null) {
            p.setLong(i++, r.changeSet());
        } else {
            p.setNull(i++, java.sql.Types.INTEGER);
        }
        p.setString(i++, r.contentId());
        p.setString(i++, r.transactionId());
        p.setString(i++, r.uploadCategory());
        p.setString(i++, r.customTag());
        p.setInt(i++, r.unmodifiable() ? 1 : 0);
        p.setInt(i++, r.removeAfterUpload() ? 1 : 0);
        p.setString(i++, r.state());
        p.setString(i++, r.created());
        p.setString(i, entities(modified, referenced));
        p.executeUpdate();
        if (size >= 0) {
            size++;
        }
    }

    /**
     * Builds this connection's entity index from the requests' rows (at open; see
     * {@link SystemSchema#requestIndex()}).
     */
    void loadIndex() throws SQLException {
        Database.execute(db.prepare("SELECT 1").getConnection(), SystemSchema.requestIndex());
    }

    /** Forgets the entity index of every request (a rebuild indexes each again with {@link #index}). */
    void clearIndex() throws SQLException {
        db.prepare("DELETE FROM temp.\"$request_entities\"").executeUpdate();
        db.prepare("UPDATE \"$requests\" SET \"entities\" = NULL").executeUpdate();
    }

    /**
     * Indexes a request again after {@link #clearIndex()}: sets its durable copy, and the trigger
     * adds the entries to this connection's table.
     */
    void index(long id, Map<String, List<Long>> modified, Map<String, List<Long>> referenced) throws SQLException {
        PreparedStatement p = db.prepare("UPDATE \"$requests\" SET \"entities\" = ? WHERE \"id\" = ?");
        p.setString(1, entities(modified, referenced));
        p.setLong(2, id);
        p.executeUpdate();
    }

    /** The durable copy of a request's entity index: a JSON array of {@code [entity set, local ID, role]}. */
    private static String entities(Map<String, List<Long>> modified, Map<String, List<Long>> referenced) {
        StringBuilder json = new StringBuilder("[");
        for (Map<String, List<Long>> entities : List.of(modified, referenced)) {
            String role = entities == modified ? MODIFIED : REFERENCED;
            for (Map.Entry<String, List<Long>> e : entities.entrySet()) {
                for (long lid : e.getValue()) {
                    if (json.length() > 1) {
                        json.append(',');
                    }
                    json.append("[\"");
                    JsonStringEncoder.getInstance().quoteAsString(e.getKey(), json);
                    json.append("\",").append(lid).append(",\"").append(role).append("\"]");
                }
            }
        }
        return json.append(']').toString();
    }

    /**
     * Inserts a request at a queue position, moving the requests from there on one place back
     * (undo puts a promoted child where its parent was).
     */
    void insertAt(long position, StoredRequest r) throws SQLException {
        var c = db.prepare("SELECT 1").getConnection();
        for (String table : List.of("\"$requests\" SET \"id\"", "temp.\"$request_entities\" SET \"request\"",
                "\"$errors\" SET \"request\"")) {
            String column = table.substring(table.lastIndexOf(' ') + 1);
            Database.execute(c, List.of("UPDATE " + table + " = -" + column + " WHERE " + column + " >= " + position,
                    "UPDATE " + table + " = -" + column + " + 1 WHERE " + column + " < 0"));
        }
        append(r, Map.of(), Map.of());
        long id = db.lastInsertRowid();
        PreparedStatement move = db.prepare("UPDATE \"$requests\" SET \"id\" = ? WHERE \"id\" = ?");
        move.setLong(1, position);
        move.setLong(2, id);
        move.executeUpdate();
    }

    /** Rewrites a request's body (undo adjusts deep inserts this way). */
    void updateBody(long id, ObjectNode body) throws SQLException {
        PreparedStatement p = db.prepare("UPDATE \"$requests\" SET \"body\" = ? WHERE \"id\" = ?");
        p.setString(1, body == null ? null : body.toString());
        p.setLong(2, id);
        p.executeUpdate();
    }

    /** Turns a request into another one in place (same queue position). */
    void replace(StoredRequest r) throws SQLException {
        PreparedStatement p = db.prepare("UPDATE \"$requests\" SET \"kind\" = ?, \"method\" = ?, \"url\" = ?,"
                + " \"entity_set\" = ?, \"lid\" = ?, \"navigation\" = ?, \"target_set\" = ?, \"target_lid\" = ?, \"body\" = ?"
                + " WHERE \"id\" = ?");
        p.setString(1, r.kind().stored());
        p.setString(2, r.method());
        p.setString(3, r.url());
        p.setString(4, r.entitySet());
        p.setLong(5, r.lid());
        p.setString(6, r.navigation());
        p.setString(7, r.targetSet());
        if (r.targetLid() > 0) {
            p.setLong(8, r.targetLid());
        } else {
            p.setNull(8, java.sql.Types.INTEGER);
        }
        p.setString(9, r.body() == null ? null : r.body().toString());
        p.setLong(10, r.id());
        p.executeUpdate();
    }

    /**
     * Removes requests with their entity index and error records; one pass over each table
     * whatever the number of requests (the entity index is keyed by entity, not by request).
     */
    void delete(List<Long> ids) throws SQLException {
        size = -1;
        if (ids.isEmpty()) {
            return;
        }
        db.prepare("CREATE TEMP TABLE IF NOT EXISTS \"$ids\" (\"id\" INTEGER PRIMARY KEY)").execute();
        db.prepare("DELETE FROM temp.\"$ids\"").executeUpdate();
        PreparedStatement add = db.prepare("INSERT OR IGNORE INTO temp.\"$ids\" (\"id\") VALUES (?)");
        for (long id : ids) {
            add.setLong(1, id);
            add.addBatch();
        }
        add.executeBatch();
        for (String sql : List.of("DELETE FROM \"$requests\" WHERE \"id\" IN (SELECT \"id\" FROM temp.\"$ids\")",
                "DELETE FROM temp.\"$request_entities\" WHERE \"request\" IN (SELECT \"id\" FROM temp.\"$ids\")",
                "DELETE FROM \"$errors\" WHERE \"request\" IN (SELECT \"id\" FROM temp.\"$ids\")")) {
            db.prepare(sql).executeUpdate();
        }
        db.prepare("DELETE FROM temp.\"$ids\"").executeUpdate();
    }

    /** One request, or null. */
    StoredRequest byId(long id) throws SQLException {
        PreparedStatement p = db.prepare("SELECT " + COLUMNS + " FROM \"$requests\" WHERE \"id\" = ?");
        p.setLong(1, id);
        List<StoredRequest> found = read(p);
        return found.isEmpty() ? null : found.get(0);
    }

    /** Requests in one state, in FIFO order. */
    List<StoredRequest> inState(String state) throws SQLException {
        PreparedStatement p = db.prepare("SELECT " + COLUMNS + " FROM \"$requests\" WHERE \"state\" = ? ORDER BY \"id\"");
        p.setString(1, state);
        return read(p);
    }

    /** Every request in FIFO order (pending, in flight and failed). */
    List<StoredRequest> all() throws SQLException {
        return select("SELECT " + COLUMNS + " FROM \"$requests\" ORDER BY \"id\"");
    }

    /** The requests that touch an entity, in FIFO order. */
    List<StoredRequest> touching(String set, long lid) throws SQLException {
        PreparedStatement p = db.prepare("SELECT " + COLUMNS + " FROM \"$requests\" WHERE \"id\" IN (SELECT \"request\""
                + " FROM \"$request_entities\" WHERE \"entity_set\" = ? AND \"lid\" = ?) ORDER BY \"id\"");
        p.setString(1, set);
        p.setLong(2, lid);
        return read(p);
    }

    /** Whether any queued request touches an entity. */
    boolean isTouched(String set, long lid) throws SQLException {
        PreparedStatement p = db.prepare("SELECT 1 FROM \"$request_entities\" WHERE \"entity_set\" = ? AND \"lid\" = ? LIMIT 1");
        p.setString(1, set);
        p.setLong(2, lid);
        try (ResultSet rs = p.executeQuery()) {
            return rs.next();
        }
    }

    /** Whether no request waits to be uploaded (failed ones excluded: they wait for a decision). */
    boolean isEmpty() throws SQLException {
        try (ResultSet rs = db.prepare("SELECT count(*) FROM \"$requests\" WHERE \"state\" != 'failed'").executeQuery()) {
            rs.next();
            return rs.getLong(1) == 0;
        }
    }

    /** The number of requests in the queue. */
    long size() throws SQLException {
        if (size < 0) {
            try (ResultSet rs = db.prepare("SELECT count(*) FROM \"$requests\"").executeQuery()) {
                rs.next();
                size = rs.getLong(1);
            }
        }
        return size;
    }

    /** The next change set number. */
    long nextChangeSet() throws SQLException {
        try (ResultSet rs = db.prepare("SELECT coalesce(max(\"change_set\"), 0) + 1 FROM \"$requests\"").executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<StoredRequest> select(String sql) throws SQLException {
        return read(db.prepare(sql));
    }

    private static List<StoredRequest> read(PreparedStatement p) throws SQLException {
        List<StoredRequest> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(new StoredRequest(rs.getLong("id"), rs.getString("request_id"),
                        StoredRequest.Kind.ofStored(rs.getString("kind")), rs.getString("method"), rs.getString("url"),
                        rs.getString("entity_set"), rs.getLong("lid"), rs.getString("navigation"),
                        rs.getString("target_set"), rs.getLong("target_lid"), headers(rs.getString("headers")),
                        object(rs.getString("body")), rs.getString("if_match"), object(rs.getString("base")),
                        (Long) (rs.getObject("change_set") == null ? null : rs.getLong("change_set")),
                        rs.getString("content_id"), rs.getString("transaction_id"), rs.getString("upload_category"),
                        rs.getString("custom_tag"), rs.getInt("unmodifiable") == 1, rs.getInt("remove_after_upload") == 1,
                        rs.getString("state"), rs.getString("first_sent"), rs.getString("created")));
            }
        }
        return out;
    }

    private static ObjectNode object(String json) {
        return json == null ? null : (ObjectNode) ValueCodec.parse(json);
    }

    private static Map<String, String> headers(String json) {
        try {
            return ValueCodec.JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt headers in the request queue: " + json, e);
        }
    }

    private static String json(Map<String, String> headers) {
        if (headers.isEmpty()) {
            return "{}";
        }
        try {
            return ValueCodec.JSON.writeValueAsString(headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
