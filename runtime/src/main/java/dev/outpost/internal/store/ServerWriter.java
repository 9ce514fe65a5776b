package dev.outpost.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.internal.schema.Column;
import dev.outpost.internal.schema.Ddl;
import dev.outpost.internal.schema.EntityTable;
import dev.outpost.internal.schema.LinkTable;
import dev.outpost.internal.schema.Relationship;
import dev.outpost.model.EntityType;
import dev.outpost.model.NavigationProperty;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.ReferentialConstraint;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes server state into the store: entities as the back end sends them (downloads, upload
 * responses). An entity without local changes is written in place; one with local changes gets
 * its server image replaced and its local state rebased, that is, the queued requests are
 * replayed on the new server state (S4). Run inside one write transaction and call
 * {@link #finish()} before committing.
 */
final class ServerWriter {

    private final Database db;
    private final Catalog catalog;
    private final EntityRows rows;
    private final LocalState state;
    private final Links links;
    private boolean rebase;

    ServerWriter(Database db, Catalog catalog, EntityRows rows, LocalState state) throws SQLException {
        this.db = db;
        this.catalog = catalog;
        this.rows = rows;
        this.state = state;
        this.links = new Links(db, catalog, rows);
        db.prepare("CREATE TEMP TABLE IF NOT EXISTS \"$written\" (\"entity_set\" TEXT NOT NULL, \"lid\" INTEGER NOT NULL,"
                + " PRIMARY KEY (\"entity_set\", \"lid\")) WITHOUT ROWID").execute();
        db.prepare("CREATE TEMP TABLE IF NOT EXISTS \"$written_all\" (\"entity_set\" TEXT NOT NULL, \"lid\" INTEGER NOT NULL,"
                + " PRIMARY KEY (\"entity_set\", \"lid\")) WITHOUT ROWID").execute();
        db.prepare("CREATE TEMP TABLE IF NOT EXISTS \"$unresolved\" (\"entity_set\" TEXT NOT NULL, \"lid\" INTEGER NOT NULL,"
                + " PRIMARY KEY (\"entity_set\", \"lid\")) WITHOUT ROWID").execute();
        db.prepare("DELETE FROM temp.\"$written\"").executeUpdate();
        db.prepare("DELETE FROM temp.\"$written_all\"").executeUpdate();
        db.prepare("DELETE FROM temp.\"$unresolved\"").executeUpdate();
    }

    /**
     * Starts a new part of this transaction (the next defining query of a download): {@code $written}
     * then holds only what this part writes; everything stays remembered for {@link #finish()}.
     */
    void startPart() throws SQLException {
        keepWritten();
    }

    private void keepWritten() throws SQLException {
        db.prepare("INSERT OR IGNORE INTO temp.\"$written_all\" SELECT * FROM temp.\"$written\"").executeUpdate();
        db.prepare("DELETE FROM temp.\"$written\"").executeUpdate();
    }

    /**
     * Remembers that this write transaction wrote an entity's server state (for downloads), and
     * that its references are still to be resolved (by {@link #resolveReferences()}).
     */
    private void written(Catalog.Set set, long lid) throws SQLException {
        for (String table : List.of("$written", "$unresolved")) {
            PreparedStatement p = db.prepare("INSERT OR IGNORE INTO temp." + Ddl.quote(table) + " (\"entity_set\", \"lid\") VALUES (?, ?)");
            p.setString(1, set.name());
            p.setLong(2, lid);
            p.executeUpdate();
        }
    }

    /** Writes one entity (OData JSON, with expanded navigations) as server state; returns its local ID. */
    long upsert(Catalog.Set set, ObjectNode json) throws SQLException {
        TableInfo info = rows.info(set);
        EntityType type = type(set, json);
        Map<String, Object> values = rows.serverColumns(info, type, json, set.name());
        List<Object> key = new ArrayList<>();
        for (Column c : info.keyColumns) {
            key.add(values.get(c.name()));
        }
        String etag = json.hasNonNull("@odata.etag") ? json.get("@odata.etag").asText() : null;
        long lid = rows.lidByKey(info, key);
        long imageLid = lidInServerImage(info, key);
        boolean dirty = imageLid > 0 || (lid > 0 && rows.hasServerImage(info, lid));
        if (dirty) {
            long target = imageLid > 0 ? imageLid : lid;
            writeImage(info, target, type, etag, values);
            rebase = true;
            lid = target;
        } else if (lid > 0) {
            Map<String, Object> all = new LinkedHashMap<>(values);
            all.put("$etag", etag);
            all.put("$type", type.qualifiedName().toString());
            all.put("$local", 0);
            all.put("$new", 0);
            rows.update(info, lid, all);
        } else {
            lid = rows.insert(info, 0, type.qualifiedName().toString(), etag, false, false, values);
        }
        written(set, lid);
        expanded(set, type, lid, json, dirty);
        return lid;
    }

    /**
     * The server deleted an entity (given by its key properties as JSON): it leaves the store, or,
     * with local changes, its server image does (L5).
     */
    void delete(Catalog.Set set, ObjectNode keyJson) throws SQLException {
        TableInfo info = rows.info(set);
        Map<String, Object> values = rows.columns(info, set.entityType(), keyJson, set.name());
        List<Object> key = new ArrayList<>();
        for (Column c : info.keyColumns) {
            key.add(values.get(c.name()));
        }
        deleteByKey(set, key);
    }

    /** The server deleted the entity with these key column values; returns whether the store had it. */
    boolean deleteByKey(Catalog.Set set, List<Object> key) throws SQLException {
        TableInfo info = rows.info(set);
        long imageLid = lidInServerImage(info, key);
        if (imageLid > 0) {
            rows.execute("DELETE FROM " + Ddl.quote(info.table.serverTable()) + " WHERE \"$lid\" = ?", imageLid);
            rebase = true; // queued requests for it stay and will fail on upload, into the error archive
            return true;
        }
        long lid = rows.lidByKey(info, key);
        if (lid > 0) {
            deleteDependents(set, lid);
            rows.delete(info, lid);
            deleteLinks(set, lid);
            unreference(set, lid);
            return true;
        }
        return false;
    }

    /**
     * The back end deleted the dependents with their principal (OnDelete cascade, or a non-nullable
     * reference to it, {@link Links#cascadesOnDelete}); a delta that names only the principal (for
     * example {@code WorkOrders?$expand=Tasks}) must not leave them behind in the store.
     */
    private void deleteDependents(Catalog.Set set, long lid) throws SQLException {
        for (Links.Touched dependent : links.dependents(set, lid)) {
            List<Object> key = rows.key(rows.info(dependent.set()), dependent.lid());
            if (key != null && !key.contains(null)) {
                deleteByKey(dependent.set(), key);
            }
        }
    }

    /** Clears reference columns that point at an entity that left the store. */
    void unreference(Catalog.Set set, long lid) throws SQLException {
        for (Relationship rel : catalog.schema().relationships()) {
            if (rel.storage() == Relationship.Storage.REFERENCE && rel.targetSet().equals(set.name())) {
                String table = catalog.require(rel.entitySet()).table().table();
                rows.execute("UPDATE " + Ddl.quote(table) + " SET " + Ddl.quote(rel.column()) + " = NULL WHERE "
                        + Ddl.quote(rel.column()) + " = ?", lid);
            }
        }
    }

    /** Entities with local changes got new server state by other means: rebase them in {@link #finish()}. */
    void rebaseLater() {
        rebase = true;
    }

    /** The local IDs of a key's entity, for callers that map upload responses. */
    long lid(Catalog.Set set, List<Object> key) throws SQLException {
        TableInfo info = rows.info(set);
        long lid = rows.lidByKey(info, key);
        return lid > 0 ? lid : lidInServerImage(info, key);
    }

    /**
     * Resolves references from referential constraints of what this transaction wrote, then
     * rebases entities with local changes.
     */
    void finish() throws SQLException {
        keepWritten();
        resolveReferences();
        if (rebase) {
            state.rebuild();
            rebase = false;
        }
    }

    private EntityType type(Catalog.Set set, ObjectNode json) {
        JsonNode t = json.get("@odata.type");
        return t != null && t.isTextual() ? rows.info(set).typeOf(t.textValue()) : set.entityType();
    }

    private long lidInServerImage(TableInfo info, List<Object> key) throws SQLException {
        if (info.keyColumns.isEmpty() || key.contains(null)) {
            return 0;
        }
        StringBuilder sql = new StringBuilder("SELECT \"$lid\" FROM ").append(Ddl.quote(info.table.serverTable())).append(" WHERE ");
        for (int i = 0; i < info.keyColumns.size(); i++) {
            sql.append(i > 0 ? " AND " : "").append(Ddl.quote(info.keyColumns.get(i).name())).append(" = ?");
        }
        PreparedStatement p = db.prepare(sql.toString());
        EntityRows.bind(p, key);
        try (ResultSet rs = p.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private void writeImage(TableInfo info, long lid, EntityType type, String etag, Map<String, Object> values)
            throws SQLException {
        String image = Ddl.quote(info.table.serverTable());
        rows.execute("INSERT OR IGNORE INTO " + image + " SELECT * FROM " + info.quoted + " WHERE \"$lid\" = ?", lid);
        StringBuilder sql = new StringBuilder("UPDATE ").append(image).append(" SET \"$etag\" = ?, \"$type\" = ?,"
                + " \"$local\" = 0, \"$new\" = 0");
        List<Object> params = new ArrayList<>();
        params.add(etag);
        params.add(type.qualifiedName().toString());
        for (Map.Entry<String, Object> e : values.entrySet()) {
            sql.append(", ").append(Ddl.quote(e.getKey())).append(" = ?");
            params.add(e.getValue());
        }
        sql.append(" WHERE \"$lid\" = ?");
        params.add(lid);
        PreparedStatement p = db.prepare(sql.toString());
        EntityRows.bind(p, params);
        p.executeUpdate();
    }

    /** Expanded navigations in a payload are complete: they replace the entity's relationships. */
    private void expanded(Catalog.Set set, EntityType type, long lid, ObjectNode json, boolean dirty) throws SQLException {
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            if (field.indexOf('@') >= 0) {
                continue;
            }
            NavigationProperty nav = set.model().navigationProperty(type, field).orElse(null);
            if (nav == null) {
                continue;
            }
            Relationship rel = catalog.schema().relationship(set.name(), nav.name()).orElse(null);
            if (rel == null) {
                continue;
            }
            Catalog.Set target = catalog.require(rel.targetSet());
            JsonNode value = json.get(field);
            List<Long> targets = new ArrayList<>();
            if (value.isArray()) {
                for (JsonNode child : value) {
                    if (child.isObject()) {
                        targets.add(upsert(target, (ObjectNode) child));
                    }
                }
            } else if (value.isObject()) {
                targets.add(upsert(target, (ObjectNode) value));
            }
            replaceRelationship(set, lid, rel, targets, dirty);
        }
    }

    private void replaceRelationship(Catalog.Set set, long lid, Relationship rel, List<Long> targets, boolean dirty)
            throws SQLException {
        switch (rel.storage()) {
            case REFERENCE -> {
                String table = dirty ? set.table().serverTable() : set.table().table();
                rows.execute("UPDATE " + Ddl.quote(table) + " SET " + Ddl.quote(rel.column()) + " = ? WHERE \"$lid\" = ?",
                        targets.isEmpty() ? null : targets.get(0), lid);
            }
            case REVERSE_REFERENCE -> {
                EntityTable t = catalog.require(rel.targetSet()).table();
                for (long target : targets) {
                    boolean targetDirty = rows.hasServerImage(rows.info(catalog.require(rel.targetSet())), target);
                    rows.execute("UPDATE " + Ddl.quote(targetDirty ? t.serverTable() : t.table()) + " SET "
                            + Ddl.quote(rel.column()) + " = ? WHERE \"$lid\" = ?", lid, target);
                    rebase |= targetDirty;
                }
            }
            case LINK_TABLE -> {
                String table = dirty ? "$server." + rel.table() : rel.table();
                rows.execute("DELETE FROM " + Ddl.quote(table) + " WHERE " + Ddl.quote(rel.column()) + " = ?", lid);
                for (long target : targets) {
                    rows.execute("INSERT OR IGNORE INTO " + Ddl.quote(table) + " (" + Ddl.quote(rel.column()) + ", "
                            + Ddl.quote(rel.otherColumn()) + ") VALUES (?, ?)", lid, target);
                }
            }
        }
    }

    private void deleteLinks(Catalog.Set set, long lid) throws SQLException {
        for (LinkTable l : catalog.schema().linkTables()) {
            if (l.sourceSet().equals(set.name())) {
                rows.execute("DELETE FROM " + Ddl.quote(l.table()) + " WHERE \"source$lid\" = ?", lid);
            }
            if (l.targetSet().equals(set.name())) {
                rows.execute("DELETE FROM " + Ddl.quote(l.table()) + " WHERE \"target$lid\" = ?", lid);
            }
        }
    }

    /**
     * A reference column that a referential constraint fills on server state: the dependent's
     * property columns ({@code WorkOrder.CustomerId}) give the principal's local ID
     * ({@code Customer$lid}).
     */
    record Reference(Relationship rel, Catalog.Set set, Catalog.Set target, List<String> dependent, List<String> principal) {

        /** The principal's local ID for the dependent values in the row {@code alias}; a principal deleted locally is still on the server, in its server image. */
        String lookup(String alias) {
            List<String> match = new ArrayList<>();
            for (int i = 0; i < dependent.size(); i++) {
                match.add("t." + Ddl.quote(principal.get(i)) + " = " + alias + "." + Ddl.quote(dependent.get(i)));
            }
            String where = String.join(" AND ", match);
            return "coalesce((SELECT t.\"$lid\" FROM " + Ddl.quote(target.table().table()) + " t WHERE " + where
                    + "), (SELECT t.\"$lid\" FROM " + Ddl.quote(target.table().serverTable()) + " t WHERE " + where + "))";
        }

        /** Whether the row {@code alias} knows every dependent value (only then is the reference set from them). */
        String known(String alias) {
            List<String> known = new ArrayList<>();
            for (String d : dependent) {
                known.add(alias + "." + Ddl.quote(d) + " IS NOT NULL");
            }
            return String.join(" AND ", known);
        }
    }

    /** The reference columns of a set's table that referential constraints fill. */
    static List<Reference> references(Catalog catalog, Catalog.Set set) {
        List<Reference> out = new ArrayList<>();
        for (Relationship rel : catalog.schema().relationships()) {
            if (rel.storage() == Relationship.Storage.REFERENCE && rel.entitySet().equals(set.name())) {
                Reference r = reference(catalog, rel);
                if (r != null) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private static Reference reference(Catalog catalog, Relationship rel) {
        Catalog.Set set = catalog.require(rel.entitySet());
        Catalog.Set target = catalog.require(rel.targetSet());
        NavigationProperty nav = set.model().navigationProperty(set.entityType(), rel.navigation()).orElse(null);
        if (nav == null || nav.referentialConstraints().isEmpty()) {
            return null;
        }
        List<String> dependent = new ArrayList<>();
        List<String> principal = new ArrayList<>();
        for (ReferentialConstraint rc : nav.referentialConstraints()) {
            if (set.table().column(rc.property()).isEmpty() || target.table().column(rc.referencedProperty()).isEmpty()) {
                return null;
            }
            dependent.add(rc.property());
            principal.add(rc.referencedProperty());
        }
        return new Reference(rel, set, target, List.copyOf(dependent), List.copyOf(principal));
    }

    /**
     * Sets reference columns from referential constraints ({@code WorkOrder.CustomerId} gives
     * {@code Customer$lid}) on server state, where the dependent value is known: on the rows this
     * transaction wrote one by one, and on rows whose principal it wrote. (Rows published
     * set-wise got theirs as they were written.)
     */
    private void resolveReferences() throws SQLException {
        for (Relationship rel : catalog.schema().relationships()) {
            Reference ref = rel.storage() == Relationship.Storage.REFERENCE ? reference(catalog, rel) : null;
            if (ref == null) {
                continue;
            }
            List<String> dependent = new ArrayList<>();
            List<String> principal = new ArrayList<>();
            for (int i = 0; i < ref.dependent().size(); i++) {
                dependent.add("s." + Ddl.quote(ref.dependent().get(i)));
                principal.add("p." + Ddl.quote(ref.principal().get(i)));
            }
            Catalog.Set set = ref.set();
            Catalog.Set target = ref.target();
            String written = "p.\"$lid\" IN (SELECT \"lid\" FROM temp.\"$written_all\" WHERE \"entity_set\" = ?)";
            String touched = "(s.\"$lid\" IN (SELECT \"lid\" FROM temp.\"$unresolved\" WHERE \"entity_set\" = ?) OR ("
                    + String.join(", ", dependent) + ") IN (SELECT " + String.join(", ", principal) + " FROM "
                    + Ddl.quote(target.table().table()) + " p WHERE " + written + " UNION ALL SELECT "
                    + String.join(", ", principal) + " FROM " + Ddl.quote(target.table().serverTable()) + " p WHERE "
                    + written + "))";
            for (String table : List.of(set.table().table(), set.table().serverTable())) {
                if (rows.isEmpty(table)) {
                    continue; // nothing to resolve, and no need to gather what was written
                }
                boolean image = table.startsWith("$server.");
                // only server state: a local entity's references are what replaying its requests gives
                // (invariant 3), and an entity with local changes keeps its server state in the image
                String where = ref.known("s") + " AND " + touched + (image ? "" : " AND s.\"$new\" = 0"
                        + " AND s.\"$lid\" NOT IN (SELECT \"$lid\" FROM " + Ddl.quote(set.table().serverTable()) + ")");
                rows.execute("UPDATE " + Ddl.quote(table) + " AS s SET " + Ddl.quote(rel.column()) + " = " + ref.lookup("s")
                        + " WHERE " + where, set.name(), target.name(), target.name());
            }
        }
    }
}
