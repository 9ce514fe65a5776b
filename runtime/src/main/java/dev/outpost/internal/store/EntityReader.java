package dev.outpost.internal.store;

import dev.outpost.ComplexValue;
import dev.outpost.EntityValue;
import dev.outpost.internal.EntityAccess;
import dev.outpost.internal.schema.Column;
import dev.outpost.model.ComplexType;
import dev.outpost.model.EntityType;
import dev.outpost.model.Property;
import dev.outpost.model.PropertyRef;
import dev.outpost.model.StructuredType;
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
        Plan plan = plan(info, row.index(), type, select);
        ResultSet rs = row.rs();
        EntityValue e = factory.newEntity(type.qualifiedName());
        EntityAccess access = EntityAccess.get();
        long lid = rs.getLong(plan.lid);
        for (Slot slot : plan.slots) {
            access.putLoaded(e, slot.name, read(slot, rs, factory));
        }
        access.setEntitySet(e, info.set.name());
        access.setLocalId(e, lid);
        String readLink = readLink(info, row, lid);
        access.setLinks(e, readLink, readLink);
        access.setETag(e, plan.etag == 0 ? null : rs.getString(plan.etag));
        access.setLocalState(e, isTrue(rs, plan.isNew), isTrue(rs, plan.local), isTrue(rs, plan.pending),
                isTrue(rs, plan.error));
        access.setRelativesState(e, isTrue(rs, plan.localRelatives), isTrue(rs, plan.pendingRelatives));
        return e;
    }

    private static boolean isTrue(Object v) {
        return v instanceof Number n && n.longValue() != 0;
    }

    private static boolean isTrue(ResultSet rs, int column) throws SQLException {
        return column != 0 && rs.getLong(column) != 0;
    }

    /**
     * Where one property's value is in a result set: {@code column} 0 means the result has no
     * column for it (the value is null); a complex value has {@code members} and its presence column.
     */
    private record Slot(String name, int column, int offset, ValueType type, ComplexType complex, List<Slot> members,
                        boolean text) {
        Slot(String name, int column, int offset, ValueType type, ComplexType complex, List<Slot> members) {
            this(name, column, offset, type, complex, members, type instanceof ValueType.Primitive p && switch (p.type().family()) {
                case STRING, DECIMAL, DATE, TIME_OF_DAY, DATE_TIME_OFFSET, GUID -> true;
                default -> false;
            });
        }
    }

    /** How to read entities of one type from one query's columns, worked out once per query shape. */
    private record Plan(List<Slot> slots, int lid, int etag, int isNew, int local, int pending, int error,
                        int localRelatives, int pendingRelatives) {
    }

    /** The key of a plan: the table and the result columns by identity (both are cached), type and selection by value. */
    private record PlanKey(TableInfo info, Map<String, Integer> index, EntityType type, Set<String> select) {
        @Override
        public boolean equals(Object o) {
            return o instanceof PlanKey k && k.info == info && k.index == index && k.type == type
                    && java.util.Objects.equals(k.select, select);
        }

        @Override
        public int hashCode() {
            return (System.identityHashCode(info) * 31 + System.identityHashCode(index)) * 31
                    + System.identityHashCode(type) + java.util.Objects.hashCode(select);
        }
    }

    private final Map<PlanKey, Plan> plans = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<PlanKey, Plan> eldest) {
            return size() > 256;
        }
    };

    private Plan plan(TableInfo info, Map<String, Integer> index, EntityType type, Set<String> select) {
        return plans.computeIfAbsent(new PlanKey(info, index, type, select == null ? null : Set.copyOf(select)), k -> {
            List<String> keyNames = new ArrayList<>();
            for (PropertyRef ref : info.key) {
                keyNames.add(ref.path());
            }
            List<Slot> slots = new ArrayList<>();
            for (StructuredType t : info.model.hierarchy(type)) {
                for (Property prop : t.declaredProperties()) {
                    if (select == null || select.contains(prop.name()) || keyNames.contains(prop.name())) {
                        slots.add(slot(info, index, List.of(prop.name())));
                    }
                }
            }
            return new Plan(List.copyOf(slots), index.getOrDefault("$lid", 0), index.getOrDefault("$etag", 0),
                    index.getOrDefault("$new", 0), index.getOrDefault("$local", 0), index.getOrDefault("$pending", 0),
                    index.getOrDefault("$error", 0), index.getOrDefault("$localRelatives", 0),
                    index.getOrDefault("$pendingRelatives", 0));
        });
    }

    private Slot slot(TableInfo info, Map<String, Integer> index, List<String> path) {
        String name = path.get(path.size() - 1);
        Column column = info.byPath.get(path);
        if (column == null) {
            return new Slot(name, 0, 0, null, null, List.of());
        }
        int at = index.getOrDefault(column.name(), 0);
        if (column.role() == Column.Role.COMPLEX_PRESENT) {
            ComplexType type = info.model.complexType(dev.outpost.model.QualifiedName.parse(column.edmType())).orElseThrow();
            List<Slot> members = new ArrayList<>();
            for (StructuredType t : info.model.hierarchy(type)) {
                for (Property sub : t.declaredProperties()) {
                    List<String> subPath = new ArrayList<>(path);
                    subPath.add(sub.name());
                    if (info.byPath.containsKey(subPath)) {
                        members.add(slot(info, index, List.copyOf(subPath)));
                    }
                }
            }
            return new Slot(name, at, 0, null, type, List.copyOf(members));
        }
        Column offset = info.offsets.get(path);
        return new Slot(name, at, offset == null ? 0 : index.getOrDefault(offset.name(), 0), info.types.get(path), null,
                List.of());
    }

    private Object read(Slot slot, ResultSet rs, ValueFactory factory) throws SQLException {
        if (slot.column == 0) {
            return null;
        }
        // text-stored values: one native call for the text instead of asking the column's type first
        Object sql = slot.text ? rs.getString(slot.column) : rs.getObject(slot.column);
        if (slot.complex != null) {
            if (sql == null) {
                return null;
            }
            ComplexValue complex = factory.newComplex(slot.complex.qualifiedName());
            for (Slot member : slot.members) {
                complex.setValue(member.name, read(member, rs, factory));
            }
            return complex;
        }
        Integer minutes = null;
        if (slot.offset != 0 && rs.getObject(slot.offset) instanceof Number n) {
            minutes = n.intValue();
        }
        return rows.codec().fromSql(slot.type, sql, minutes, factory);
    }

    /** {@code Set(key)} when every key value is known and the entity is on the server; else {@code Set($lid=n)}. */
    String readLink(TableInfo info, Row row, long lid) throws SQLException {
        if (info.set.singleton()) {
            return info.set.name();
        }
        if (isTrue(row.get("$new")) || info.keyColumns.isEmpty() || info.set.system()) {
            return StoredRequest.lidUrl(info.set.name(), lid);
        }
        List<Object> values = new ArrayList<>();
        for (Column c : info.keyColumns) {
            values.add(row.get(c.name()));
        }
        String key = rows.keyPredicate(info, values);
        return key == null ? StoredRequest.lidUrl(info.set.name(), lid) : info.set.name() + "(" + key + ")";
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
