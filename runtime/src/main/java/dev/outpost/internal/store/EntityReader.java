package dev.outpost.internal.store;

import dev.outpost.ComplexValue;
import dev.outpost.EntityValue;
import dev.outpost.internal.EntityAccess;
import dev.outpost.internal.schema.Column;
import dev.outpost.internal.url.LiteralFormat;
import dev.outpost.model.ComplexType;
import dev.outpost.model.EntityType;
import dev.outpost.model.Property;
import dev.outpost.model.PropertyRef;
import dev.outpost.model.StructuredType;
import dev.outpost.query.Expr;
import dev.outpost.spi.ValueFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns rows into entities: property values unflattened and typed, links, ETag and local state.
 * An entity's readLink uses its key once the server key is known and its local entity ID
 * ({@code Set($lid=n)}) before; both always resolve (invariant 4).
 */
final class EntityReader {

    private final EntityRows rows;
    private final Database db;

    EntityReader(EntityRows rows, Database db) {
        this.rows = rows;
        this.db = db;
    }

    /** The values of a row's top-level properties, or an empty map when the row does not exist. */
    Map<String, Object> propertyValues(TableInfo info, long lid) throws SQLException {
        PreparedStatement p = db.prepare("SELECT * FROM " + info.quoted + " WHERE \"$lid\" = ?");
        p.setLong(1, lid);
        try (ResultSet rs = p.executeQuery()) {
            if (!rs.next()) {
                return Map.of();
            }
            Row row = new Row(rs, db.columnIndex("SELECT * FROM " + info.quoted + " WHERE \"$lid\" = ?", rs));
            EntityType type = info.rowType(rs.getString("$type"));
            Map<String, Object> values = new LinkedHashMap<>();
            for (StructuredType t : info.model.hierarchy(type)) {
                for (Property prop : t.declaredProperties()) {
                    values.put(prop.name(), value(info, row, List.of(prop.name()), ValueFactory.DYNAMIC));
                }
            }
            return values;
        }
    }

    /** One row of a result set with its column positions. */
    record Row(ResultSet rs, Map<String, Integer> index) {
        Object get(String column) throws SQLException {
            Integer i = index.get(column);
            return i == null ? null : rs.getObject(i);
        }

        boolean has(String column) {
            return index.containsKey(column);
        }
    }

    /**
     * An entity from the current row; {@code select} limits the properties (null: all); key
     * properties are always read.
     */
    EntityValue entity(TableInfo info, Row row, ValueFactory factory, Set<String> select) throws SQLException {
        EntityType type = info.rowType((String) row.get("$type"));
        EntityValue e = factory.newEntity(type.qualifiedName());
        EntityAccess access = EntityAccess.get();
        long lid = ((Number) row.get("$lid")).longValue();
        List<String> keyNames = new ArrayList<>();
        for (PropertyRef k : info.key) {
            keyNames.add(k.path());
        }
        for (StructuredType t : info.model.hierarchy(type)) {
            for (Property prop : t.declaredProperties()) {
                if (select != null && !select.contains(prop.name()) && !keyNames.contains(prop.name())) {
                    continue;
                }
                access.putLoaded(e, prop.name(), value(info, row, List.of(prop.name()), factory));
            }
        }
        access.setEntitySet(e, info.set.name());
        access.setLocalId(e, lid);
        String readLink = readLink(info, row, lid);
        access.setLinks(e, readLink, readLink);
        access.setETag(e, (String) row.get("$etag"));
        access.setLocalState(e, isTrue(row.get("$new")), isTrue(row.get("$local")), isTrue(row.get("$pending")),
                isTrue(row.get("$error")));
        access.setRelativesState(e, isTrue(row.get("$localRelatives")), isTrue(row.get("$pendingRelatives")));
        return e;
    }

    private static boolean isTrue(Object v) {
        return v instanceof Number n && n.longValue() != 0;
    }

    /** {@code Set(key)} when every key value is known and the entity is on the server; else {@code Set($lid=n)}. */
    String readLink(TableInfo info, Row row, long lid) throws SQLException {
        if (info.set.singleton()) {
            return info.set.name();
        }
        if (isTrue(row.get("$new")) || info.keyColumns.isEmpty() || info.set.system()) {
            return StoredRequest.lidUrl(info.set.name(), lid);
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < info.keyColumns.size(); i++) {
            Column c = info.keyColumns.get(i);
            Object sql = row.get(c.name());
            if (sql == null) {
                return StoredRequest.lidUrl(info.set.name(), lid);
            }
            ValueType type = info.types.get(c.path());
            if (!(type instanceof ValueType.Primitive p)) {
                return StoredRequest.lidUrl(info.set.name(), lid);
            }
            Object value = rows.codec().fromSql(type, sql, null, ValueFactory.DYNAMIC);
            String literal = LiteralFormat.format(new Expr.Literal(p.type(), value));
            parts.add(info.keyColumns.size() == 1 ? literal : info.key.get(i).keyName() + "=" + literal);
        }
        return info.set.name() + "(" + String.join(",", parts) + ")";
    }

    /** The Java value at a property path: flattened complex values are rebuilt, others decoded. */
    Object value(TableInfo info, Row row, List<String> path, ValueFactory factory) throws SQLException {
        Column column = info.byPath.get(path);
        if (column == null) {
            return null;
        }
        if (column.role() == Column.Role.COMPLEX_PRESENT) {
            if (row.get(column.name()) == null) {
                return null;
            }
            ComplexType type = info.model.complexType(dev.outpost.model.QualifiedName.parse(column.edmType())).orElseThrow();
            ComplexValue complex = factory.newComplex(type.qualifiedName());
            for (StructuredType t : info.model.hierarchy(type)) {
                for (Property sub : t.declaredProperties()) {
                    List<String> subPath = new ArrayList<>(path);
                    subPath.add(sub.name());
                    if (info.byPath.containsKey(subPath)) {
                        complex.setValue(sub.name(), value(info, row, subPath, factory));
                    }
                }
            }
            return complex;
        }
        Object sql = row.get(column.name());
        Column offset = info.offsets.get(path);
        Integer minutes = null;
        if (offset != null && row.get(offset.name()) instanceof Number n) {
            minutes = n.intValue();
        }
        return rows.codec().fromSql(info.types.get(path), sql, minutes, factory);
    }
}
