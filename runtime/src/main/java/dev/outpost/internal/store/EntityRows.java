package dev.outpost.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.DataRequestException;
import dev.outpost.internal.schema.Column;
import dev.outpost.internal.schema.Ddl;
import dev.outpost.model.EntityType;
import dev.outpost.model.NavigationProperty;
import dev.outpost.model.Property;
import dev.outpost.model.StructuredType;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Row-level access to entity tables: property JSON to flattened column values, insert, update,
 * delete, and the server-image copies that keep each entity's last downloaded state while it has
 * local changes (invariant 3).
 */
final class EntityRows {

    private final Database db;
    private final ValueCodec codec;
    private final Map<String, TableInfo> infos = new java.util.concurrent.ConcurrentHashMap<>();

    EntityRows(Database db, ValueCodec codec) {
        this.db = db;
        this.codec = codec;
    }

    TableInfo info(Catalog.Set set) {
        return infos.computeIfAbsent(set.name() + "|" + set.table().table(), k -> new TableInfo(set));
    }

    ValueCodec codec() {
        return codec;
    }

    // ---- JSON → columns ------------------------------------------------------------------------

    /**
     * The column values for the structural properties in an entity's JSON (annotations and
     * navigation properties are left to the caller). Unknown properties are a 400 that names them.
     */
    Map<String, Object> columns(TableInfo info, EntityType type, ObjectNode json, String where) {
        return columns(info, type, json, where, false);
    }

    /**
     * The column values of server state: properties the model does not know (the back end added
     * them, the app's model is older) are left out instead of refused.
     */
    Map<String, Object> serverColumns(TableInfo info, EntityType type, ObjectNode json, String where) {
        return columns(info, type, json, where, true);
    }

    private Map<String, Object> columns(TableInfo info, EntityType type, ObjectNode json, String where, boolean lenient) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Writer> writers = writers(info);
        Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String name = f.getKey();
            if (name.indexOf('@') >= 0) {
                continue;
            }
            Writer w = writers.get(name);
            if (w != null && info.model.property(type, name).isPresent()) {
                put(w, values, f.getValue(), where);
                continue;
            }
            if (info.model.navigationProperty(type, name).isPresent()) {
                continue;
            }
            if (type.isOpenType() || lenient) {
                continue;
            }
            if (w == null && info.model.property(type, name).isPresent()) {
                throw ValueCodec.bad(where + "/" + name, "no column stores '" + name + "'");
            }
            throw ValueCodec.bad(where, "'" + type.qualifiedName().name() + "' has no property '" + name + "'");
        }
        return values;
    }

    /** How one property of the JSON becomes column values: a value column (and offset), or a flattened complex value. */
    private record Writer(String name, Column column, ValueType type, Column offset, List<Writer> members) {
    }

    private final Map<TableInfo, Map<String, Writer>> writers = new java.util.concurrent.ConcurrentHashMap<>();

    /** The writers of a table's top-level properties, worked out once per table (the model does not change). */
    private Map<String, Writer> writers(TableInfo info) {
        return writers.computeIfAbsent(info, i -> {
            Map<String, Writer> top = new java.util.HashMap<>();
            for (List<String> path : i.byPath.keySet()) {
                if (path.size() == 1) {
                    top.put(path.get(0), writer(i, path));
                }
            }
            return top;
        });
    }

    private static Writer writer(TableInfo info, List<String> path) {
        Column column = info.byPath.get(path);
        String name = path.get(path.size() - 1);
        if (info.isFlattened(path)) {
            List<Writer> members = new ArrayList<>();
            for (List<String> p : info.byPath.keySet()) {
                if (p.size() == path.size() + 1 && p.subList(0, path.size()).equals(path)) {
                    members.add(writer(info, p));
                }
            }
            return new Writer(name, column, null, null, List.copyOf(members));
        }
        return new Writer(name, column, info.types.get(path), info.offsets.get(path), null);
    }

    private void put(Writer w, Map<String, Object> values, JsonNode json, String where) {
        if (w.members() != null) {
            boolean present = json != null && !json.isNull();
            if (present && !json.isObject()) {
                throw ValueCodec.bad(where + "/" + w.name(), "expected a JSON object for a complex value");
            }
            values.put(w.column().name(), present ? 1 : null);
            for (Writer m : w.members()) {
                put(m, values, present ? json.get(m.name()) : null, where + "/" + w.name());
            }
            return;
        }
        String at = where + "/" + w.name();
        Object javaValue = codec.fromJson(w.type(), json, dev.outpost.spi.ValueFactory.DYNAMIC, at);
        values.put(w.column().name(), codec.toSql(w.type(), javaValue, at));
        if (w.offset() != null) {
            values.put(w.offset().name(), ValueCodec.offsetMinutes(javaValue));
        }
    }

    // ---- row operations ------------------------------------------------------------------------

    /** Inserts a row; {@code lid} 0 lets SQLite allocate it. Returns the local entity ID. */
    long insert(TableInfo info, long lid, String type, String etag, boolean isNew, boolean local,
                Map<String, Object> values) throws SQLException {
        List<String> names = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (lid > 0) {
            names.add("$lid");
            params.add(lid);
        }
        names.add("$type");
        params.add(type);
        names.add("$etag");
        params.add(etag);
        names.add("$new");
        params.add(isNew ? 1 : 0);
        names.add("$local");
        params.add(local ? 1 : 0);
        for (Map.Entry<String, Object> e : values.entrySet()) {
            names.add(e.getKey());
            params.add(e.getValue());
        }
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(info.quoted).append(" (");
        StringBuilder marks = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            sql.append(i > 0 ? ", " : "").append(Ddl.quote(names.get(i)));
            marks.append(i > 0 ? ", ?" : "?");
        }
        sql.append(") VALUES (").append(marks).append(") RETURNING \"$lid\"");
        PreparedStatement p = db.prepare(sql.toString());
        bind(p, params);
        try (ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("UNIQUE constraint failed")) {
                throw new DataRequestException(409, "an entity with the key " + keyText(info, values) + " already exists"
                        + " in '" + info.set.name() + "'; leave key properties unset to let the service assign them,"
                        + " or use a key no other entity has");
            }
            throw e;
        }
    }

    private static String keyText(TableInfo info, Map<String, Object> values) {
        List<String> parts = new ArrayList<>();
        for (Column c : info.keyColumns) {
            parts.add(c.name() + "=" + values.get(c.name()));
        }
        return "(" + String.join(",", parts) + ")";
    }

    /** Sets columns of one row. */
    void update(TableInfo info, long lid, Map<String, Object> values) throws SQLException {
        if (values.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("UPDATE ").append(info.quoted).append(" SET ");
        List<Object> params = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            sql.append(i++ > 0 ? ", " : "").append(Ddl.quote(e.getKey())).append(" = ?");
            params.add(e.getValue());
        }
        sql.append(" WHERE \"$lid\" = ?");
        params.add(lid);
        PreparedStatement p = db.prepare(sql.toString());
        bind(p, params);
        try {
            p.executeUpdate();
        } catch (SQLException e) {
            if (e.getMessage() != null && e.getMessage().contains("UNIQUE constraint failed")) {
                throw new DataRequestException(409, "another entity in '" + info.set.name() + "' already has that key");
            }
            throw e;
        }
    }

    /** Marks a row as changed locally. */
    void markLocal(TableInfo info, long lid) throws SQLException {
        PreparedStatement p = db.prepare("UPDATE " + info.quoted + " SET \"$local\" = 1 WHERE \"$lid\" = ?");
        p.setLong(1, lid);
        p.executeUpdate();
    }

    /** Deletes a row; false when there was none. */
    boolean delete(TableInfo info, long lid) throws SQLException {
        PreparedStatement p = db.prepare("DELETE FROM " + info.quoted + " WHERE \"$lid\" = ?");
        p.setLong(1, lid);
        return p.executeUpdate() > 0;
    }

    /** The {@code $type} of a row, or null when it does not exist. */
    String typeOf(TableInfo info, long lid) throws SQLException {
        PreparedStatement p = db.prepare("SELECT \"$type\" FROM " + info.quoted + " WHERE \"$lid\" = ?");
        p.setLong(1, lid);
        try (ResultSet rs = p.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Whether the row exists and was created locally (its create not yet uploaded). */
    boolean isNew(TableInfo info, long lid) throws SQLException {
        PreparedStatement p = db.prepare("SELECT \"$new\" FROM " + info.quoted + " WHERE \"$lid\" = ?");
        p.setLong(1, lid);
        try (ResultSet rs = p.executeQuery()) {
            return rs.next() && rs.getInt(1) == 1;
        }
    }

    /** One column's SQL value of a row. */
    Object value(TableInfo info, long lid, String column) throws SQLException {
        PreparedStatement p = db.prepare("SELECT " + Ddl.quote(column) + " FROM " + info.quoted + " WHERE \"$lid\" = ?");
        p.setLong(1, lid);
        try (ResultSet rs = p.executeQuery()) {
            return rs.next() ? rs.getObject(1) : null;
        }
    }

    /** The ETag of a row as last downloaded (from the server image when there is one). */
    String serverETag(TableInfo info, long lid) throws SQLException {
        PreparedStatement p = db.prepare("SELECT coalesce((SELECT \"$etag\" FROM " + Ddl.quote(info.table.serverTable())
                + " WHERE \"$lid\" = ?), (SELECT \"$etag\" FROM " + info.quoted + " WHERE \"$lid\" = ?))");
        p.setLong(1, lid);
        p.setLong(2, lid);
        try (ResultSet rs = p.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** The local entity ID of the entity with these key column values, or 0. */
    long lidByKey(TableInfo info, List<Object> keyValues) throws SQLException {
        if (info.keyColumns.isEmpty() || keyValues.size() != info.keyColumns.size()) {
            return 0;
        }
        StringBuilder sql = new StringBuilder("SELECT \"$lid\" FROM ").append(info.quoted).append(" WHERE ");
        for (int i = 0; i < info.keyColumns.size(); i++) {
            sql.append(i > 0 ? " AND " : "").append(Ddl.quote(info.keyColumns.get(i).name())).append(" = ?");
        }
        PreparedStatement p = db.prepare(sql.toString());
        bind(p, keyValues);
        try (ResultSet rs = p.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** The key column values of a row (nulls where unknown), or null when the row does not exist. */
    List<Object> key(TableInfo info, long lid) throws SQLException {
        if (info.keyColumns.isEmpty()) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < info.keyColumns.size(); i++) {
            sql.append(i > 0 ? ", " : "").append(Ddl.quote(info.keyColumns.get(i).name()));
        }
        sql.append(" FROM ").append(info.quoted).append(" WHERE \"$lid\" = ?");
        PreparedStatement p = db.prepare(sql.toString());
        p.setLong(1, lid);
        try (ResultSet rs = p.executeQuery()) {
            if (!rs.next()) {
                return null;
            }
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < info.keyColumns.size(); i++) {
                values.add(rs.getObject(i + 1));
            }
            return values;
        }
    }

    // ---- server images -------------------------------------------------------------------------

    /** Keeps the row's current (server) state before its first local change; no-op when kept already or new. */
    void keepServerImage(TableInfo info, long lid) throws SQLException {
        PreparedStatement p = db.prepare("INSERT OR IGNORE INTO " + Ddl.quote(info.table.serverTable())
                + " SELECT * FROM " + info.quoted + " WHERE \"$lid\" = ? AND \"$new\" = 0");
        p.setLong(1, lid);
        p.executeUpdate();
    }

    /** Whether the row has a server image. */
    boolean hasServerImage(TableInfo info, long lid) throws SQLException {
        PreparedStatement p = db.prepare("SELECT 1 FROM " + Ddl.quote(info.table.serverTable()) + " WHERE \"$lid\" = ?");
        p.setLong(1, lid);
        try (ResultSet rs = p.executeQuery()) {
            return rs.next();
        }
    }

    static void bind(PreparedStatement p, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object v = params.get(i);
            if (v == null) {
                p.setNull(i + 1, java.sql.Types.NULL);
            } else if (v instanceof byte[] b) {
                p.setBytes(i + 1, b);
            } else if (v instanceof Long l) {
                p.setLong(i + 1, l);
            } else if (v instanceof Integer n) {
                p.setLong(i + 1, n);
            } else if (v instanceof Double d) {
                p.setDouble(i + 1, d);
            } else {
                p.setObject(i + 1, v);
            }
        }
    }

    /** The declared navigation property, or a 400 naming the type. */
    static NavigationProperty navigation(TableInfo info, StructuredType type, String name, String where) {
        return info.model.navigationProperty(type, name).orElseThrow(() -> ValueCodec.bad(where,
                "'" + type.qualifiedName().name() + "' has no navigation property '" + name + "'"));
    }

    /** Runs SQL with parameters (used for small maintenance statements). */
    int execute(String sql, Object... params) throws SQLException {
        PreparedStatement p = db.prepare(sql);
        bind(p, java.util.Arrays.asList(params));
        return p.executeUpdate();
    }

    /** The SQL values of a key predicate's parts in key order, or null for a {@code ($lid=n)} key. */
    List<Object> keyValues(Catalog.Set set, dev.outpost.query.ResourcePath.Key key) {
        TableInfo info = info(set);
        List<dev.outpost.query.ResourcePath.KeyPart> parts = key.parts();
        if (parts.size() == 1 && "$lid".equals(parts.get(0).name())) {
            return null;
        }
        if (info.key.isEmpty()) {
            throw new DataRequestException(400, "'" + set.name() + "' has no key; address its entities by readLink");
        }
        if (parts.size() != info.key.size()) {
            throw new DataRequestException(400, "'" + set.name() + "' has a key of " + info.key.size() + " part(s) "
                    + info.key.stream().map(dev.outpost.model.PropertyRef::keyName).toList() + ", but " + parts.size() + " were given");
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < info.key.size(); i++) {
            dev.outpost.model.PropertyRef ref = info.key.get(i);
            dev.outpost.query.ResourcePath.KeyPart part = null;
            if (parts.size() == 1 && parts.get(0).name() == null) {
                part = parts.get(0);
            } else {
                for (dev.outpost.query.ResourcePath.KeyPart p : parts) {
                    if (ref.keyName().equals(p.name()) || ref.path().equals(p.name())) {
                        part = p;
                    }
                }
            }
            if (part == null) {
                throw new DataRequestException(400, "the key of '" + set.name() + "' needs '" + ref.keyName() + "'");
            }
            Column column = info.keyColumns.get(i);
            ValueType type = info.types.get(column.path());
            Object value = part.value().value();
            if (type instanceof ValueType.Primitive p) {
                try {
                    value = dev.outpost.query.Literals.checked(p.type(), value instanceof String s && p.type() == dev.outpost.model.PrimitiveType.GUID
                            ? java.util.UUID.fromString(s) : value);
                } catch (IllegalArgumentException e) {
                    throw new DataRequestException(400, "key '" + ref.keyName() + "' of '" + set.name() + "': " + e.getMessage());
                }
            }
            values.add(codec.toSql(type, value, ref.keyName()));
        }
        return values;
    }


    /**
     * The key predicate of an entity for URLs ({@code 42}, {@code 'P1'} or {@code WorkOrderId=1,LineNo=2}),
     * from its key columns' SQL values; null when a part is unknown or not a primitive.
     */
    String keyPredicate(TableInfo info, List<Object> sqlValues) {
        if (info.keyColumns.isEmpty() || sqlValues.size() != info.keyColumns.size()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < info.keyColumns.size(); i++) {
            Object sql = sqlValues.get(i);
            Column c = info.keyColumns.get(i);
            ValueType type = info.types.get(c.path());
            if (sql == null || !(type instanceof ValueType.Primitive p)) {
                return null;
            }
            String literal;
            if (sql instanceof Number n && (p.type() == dev.outpost.model.PrimitiveType.INT32
                    || p.type() == dev.outpost.model.PrimitiveType.INT64)) {
                literal = Long.toString(n.longValue()); // the common integer key, without a round trip through a literal
            } else {
                Object value = codec.fromSql(type, sql, null, dev.outpost.spi.ValueFactory.DYNAMIC);
                literal = dev.outpost.internal.url.LiteralFormat.format(new dev.outpost.query.Expr.Literal(p.type(), value));
            }
            parts.add(info.keyColumns.size() == 1 ? literal : info.key.get(i).keyName() + "=" + literal);
        }
        return String.join(",", parts);
    }

    /** The key column values of an entity, from its row or (deleted locally) its server image; null when neither exists. */
    List<Object> keyOf(TableInfo info, long lid) throws SQLException {
        if (info.keyColumns.isEmpty()) {
            return null;
        }
        StringBuilder cols = new StringBuilder();
        for (Column c : info.keyColumns) {
            cols.append(cols.length() > 0 ? ", " : "").append(Ddl.quote(c.name()));
        }
        for (String table : List.of(info.quoted, Ddl.quote(info.table.serverTable()))) {
            PreparedStatement p = db.prepare("SELECT " + cols + " FROM " + table + " WHERE \"$lid\" = ?");
            p.setLong(1, lid);
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    List<Object> values = new ArrayList<>();
                    for (int i = 1; i <= info.keyColumns.size(); i++) {
                        values.add(rs.getObject(i));
                    }
                    return values;
                }
            }
        }
        return null;
    }
}
