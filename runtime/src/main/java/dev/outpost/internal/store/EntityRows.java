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
import java.util.BitSet;
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
        Row row = new Row(info);
        Map<String, Writer> writers = writers(info, type);
        Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String name = f.getKey();
            Writer w = writers.get(name);
            if (w != null) {
                put(w, row, f.getValue(), where);
                continue;
            }
            if (name.indexOf('@') >= 0 || info.model.navigationProperty(type, name).isPresent()) {
                continue;
            }
            if (type.isOpenType() || lenient) {
                continue;
            }
            if (info.model.property(type, name).isPresent()) {
                throw ValueCodec.bad(where + "/" + name, "no column stores '" + name + "'");
            }
            throw ValueCodec.bad(where, "'" + type.qualifiedName().name() + "' has no property '" + name + "'");
        }
        return row.toMap();
    }

    /**
     * An entity of server state as a row: its column values in table column order (see
     * {@link TableInfo#slots}) and the columns it sets; null when it has expanded relatives (which
     * only {@link ServerWriter#upsert} writes) or lacks a key value. Properties the model does not
     * know are left out, as in {@link #serverColumns}.
     */
    ServerRow serverRow(TableInfo info, ObjectNode json) {
        EntityType type = info.set.entityType();
        JsonNode t = json.get("@odata.type");
        if (t != null && t.isTextual()) {
            type = info.typeOf(t.textValue());
        }
        Map<String, Writer> writers = writers(info, type);
        Row row = new Row(info);
        Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            Writer w = writers.get(f.getKey());
            if (w != null) {
                put(w, row, f.getValue(), info.set.name());
            } else if ((f.getValue().isObject() || f.getValue().isArray()) && f.getKey().indexOf('@') < 0
                    && info.model.navigationProperty(type, f.getKey()).isPresent()) {
                return null;
            }
        }
        for (Column key : info.keyColumns) {
            if (row.values[info.slots.get(key.name())] == null) {
                return null;
            }
        }
        JsonNode etag = json.get("@odata.etag");
        return new ServerRow(type.qualifiedName().toString(), etag == null || etag.isNull() ? null : etag.asText(), row.values,
                shape(info, row.present));
    }

    /** An entity's server state as a row: see {@link #serverRow}. */
    record ServerRow(String type, String etag, Object[] values, Shape shape) {
    }

    /**
     * Which columns rows set (in table order): rows of one shape are written by one statement;
     * {@code key} names it in few bytes (a staged row carries it).
     */
    record Shape(String key, List<Column> columns, int[] slots) {
    }

    private final Map<TableInfo, Map<BitSet, Shape>> shapes = new java.util.concurrent.ConcurrentHashMap<>();

    private Shape shape(TableInfo info, BitSet present) {
        return shapes.computeIfAbsent(info, i -> new java.util.concurrent.ConcurrentHashMap<>()).computeIfAbsent(present, bits -> {
            List<Column> columns = new ArrayList<>();
            int[] slots = bits.stream().toArray();
            for (int slot : slots) {
                columns.add(info.table.columns().get(slot));
            }
            return new Shape(shapeKey(bits), List.copyOf(columns), slots);
        });
    }

    /** A shape by its key (as staged): the columns it names, in table order. */
    Shape shape(TableInfo info, String key) {
        String[] words = key.split("\\.");
        long[] longs = new long[words.length];
        for (int i = 0; i < words.length; i++) {
            longs[i] = Long.parseUnsignedLong(words[i], 16);
        }
        BitSet bits = BitSet.valueOf(longs);
        if (bits.length() > info.slots.size()) {
            throw new IllegalStateException("staged shape " + key + " names columns " + info.table.table() + " does not have");
        }
        return shape(info, bits);
    }

    /** A short key of a shape (rows store it): the bits of its slots, in hexadecimal words. */
    private static String shapeKey(BitSet bits) {
        long[] longs = bits.toLongArray();
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < Math.max(1, longs.length); i++) {
            key.append(i > 0 ? "." : "").append(Long.toHexString(i < longs.length ? longs[i] : 0));
        }
        return key.toString();
    }

    /** Column values being gathered for one row, by slot. */
    private static final class Row {
        final TableInfo info;
        final Object[] values;
        final BitSet present = new BitSet();

        Row(TableInfo info) {
            this.info = info;
            this.values = new Object[info.slots.size()];
        }

        void set(int slot, Object value) {
            values[slot] = value;
            present.set(slot);
        }

        Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int slot = present.nextSetBit(0); slot >= 0; slot = present.nextSetBit(slot + 1)) {
                map.put(info.table.columns().get(slot).name(), values[slot]);
            }
            return map;
        }
    }

    /**
     * How one property of the JSON becomes column values: a value column (and offset), or a
     * flattened complex value; {@code at} is where it is for messages when it is read below
     * {@code parent} (the entity set, or the complex property it is a member of).
     */
    private record Writer(String name, Column column, int slot, ValueType type, Column offset, int offsetSlot,
                          List<Writer> members, String parent, String at) {
    }

    private final Map<TableInfo, Map<dev.outpost.model.QualifiedName, Map<String, Writer>>> writers
            = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The writers of the top-level properties a type has in this table, worked out once per table
     * and type (the model does not change).
     */
    private Map<String, Writer> writers(TableInfo info, EntityType type) {
        // keyed by name: an EntityType is a record whose hash code walks all of its properties
        return writers.computeIfAbsent(info, i -> new java.util.concurrent.ConcurrentHashMap<>()).computeIfAbsent(type.qualifiedName(), n -> {
            Map<String, Writer> top = new java.util.HashMap<>();
            for (List<String> path : info.byPath.keySet()) {
                if (path.size() == 1 && info.model.property(type, path.get(0)).isPresent()) {
                    top.put(path.get(0), writer(info, path, info.set.name()));
                }
            }
            return top;
        });
    }

    private static Writer writer(TableInfo info, List<String> path, String where) {
        Column column = info.byPath.get(path);
        String name = path.get(path.size() - 1);
        String at = where + "/" + name;
        int slot = info.slots.get(column.name());
        if (info.isFlattened(path)) {
            List<Writer> members = new ArrayList<>();
            for (List<String> p : info.byPath.keySet()) {
                if (p.size() == path.size() + 1 && p.subList(0, path.size()).equals(path)) {
                    members.add(writer(info, p, at));
                }
            }
            return new Writer(name, column, slot, null, null, -1, List.copyOf(members), where, at);
        }
        Column offset = info.offsets.get(path);
        return new Writer(name, column, slot, info.types.get(path), offset, offset == null ? -1 : info.slots.get(offset.name()),
                null, where, at);
    }

    private void put(Writer w, Row row, JsonNode json, String where) {
        if (w.members() != null) {
            boolean present = json != null && !json.isNull();
            if (present && !json.isObject()) {
                throw ValueCodec.bad(where + "/" + w.name(), "expected a JSON object for a complex value");
            }
            row.set(w.slot(), present ? 1 : null);
            for (Writer m : w.members()) {
                put(m, row, present ? json.get(m.name()) : null, where + "/" + w.name());
            }
            return;
        }
        // the common place (a property of the entity set's own entities) has its message path made once
        String at = where.equals(w.parent()) ? w.at() : where + "/" + w.name();
        Object javaValue = codec.fromJson(w.type(), json, dev.outpost.spi.ValueFactory.DYNAMIC, at);
        row.set(w.slot(), codec.toSql(w.type(), javaValue, at));
        if (w.offset() != null) {
            row.set(w.offsetSlot(), ValueCodec.offsetMinutes(javaValue));
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
        sql.append(") VALUES (").append(marks).append(")");
        PreparedStatement p = db.prepare(sql.toString());
        bind(p, params);
        try {
            return db.insert(p);
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
            bind(p, i + 1, params.get(i));
        }
    }

    /** Binds one SQL value (as the store keeps it: null, text, integer, real or bytes). */
    static void bind(PreparedStatement p, int index, Object v) throws SQLException {
        if (v == null) {
            p.setNull(index, java.sql.Types.NULL);
        } else if (v instanceof String text) {
            p.setString(index, text);
        } else if (v instanceof byte[] b) {
            p.setBytes(index, b);
        } else if (v instanceof Long l) {
            p.setLong(index, l);
        } else if (v instanceof Integer n) {
            p.setLong(index, n);
        } else if (v instanceof Double d) {
            p.setDouble(index, d);
        } else {
            p.setObject(index, v);
        }
    }

    /** The declared navigation property, or a 400 naming the type. */
    static NavigationProperty navigation(TableInfo info, StructuredType type, String name, String where) {
        return info.model.navigationProperty(type, name).orElseThrow(() -> ValueCodec.bad(where,
                "'" + type.qualifiedName().name() + "' has no navigation property '" + name + "'"));
    }

    /** Whether a table has no rows. */
    boolean isEmpty(String table) throws SQLException {
        try (ResultSet rs = db.prepare("SELECT 1 FROM " + Ddl.quote(table) + " LIMIT 1").executeQuery()) {
            return !rs.next();
        }
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
