package dev.outpost.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.DataRequestException;
import dev.outpost.DefiningQuery;
import dev.outpost.internal.schema.Ddl;
import dev.outpost.internal.schema.LinkTable;
import dev.outpost.internal.schema.Relationship;
import dev.outpost.model.NavigationProperty;
import dev.outpost.query.DataQuery;
import dev.outpost.query.Expand;
import dev.outpost.query.ResourcePath;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The store side of downloads (S1–S4, S15): defining queries with their delta links and
 * download cursors, staged pages, and the one transaction that publishes a download. Pages are
 * staged in short transactions of their own, so local writes go on during a download and an
 * interrupted download resumes from its last complete page; nothing staged is visible until
 * {@link #publish} makes all of it visible at once (S3).
 */
public final class SyncStore {

    /** A defining query as the store keeps it, with where its download stands. */
    public record Cursor(String name, String url, DefiningQuery.Kind kind, String deltaLink, String nextLink, int pages,
                         boolean delta, String lastDownload) {
        /** Whether a download of it stopped before publishing. */
        public boolean inProgress() {
            return nextLink != null;
        }
    }

    /** One entity of a page: its JSON, or the JSON of a delta {@code @removed} entry. */
    public record Staged(boolean removed, ObjectNode json) {
    }

    /** What publishing did. */
    public record Published(long entities, long removed) {
    }

    private final Database db;
    private final Catalog catalog;
    private final EntityRows rows;
    private final LocalState state;

    SyncStore(Database db, Catalog catalog, EntityRows rows, LocalState state) {
        this.db = db;
        this.catalog = catalog;
        this.rows = rows;
        this.state = state;
        dropStaleStaging();
    }

    private static final String STAGING_SCHEMA = "staging.schema";

    /**
     * Staged rows have the columns of the schema they were staged with: after the schema changed
     * (an additive migration), staging tables are dropped and interrupted downloads start over.
     */
    private void dropStaleStaging() {
        db.write(c -> {
            String current = catalog.schema().identityHash();
            PreparedStatement meta = db.prepare("SELECT \"value\" FROM \"$meta\" WHERE \"key\" = ?");
            meta.setString(1, STAGING_SCHEMA);
            String staged;
            try (ResultSet rs = meta.executeQuery()) {
                staged = rs.next() ? rs.getString(1) : null;
            }
            if (current.equals(staged)) {
                return null;
            }
            for (String table : stagingTables()) {
                db.prepare("DROP TABLE " + Ddl.quote(table)).execute();
            }
            db.clearStatements();
            db.prepare("DELETE FROM \"$staging\"").executeUpdate();
            db.prepare("UPDATE \"$defining_queries\" SET \"next_link\" = NULL, \"pages\" = 0, \"delta\" = 0").executeUpdate();
            PreparedStatement p = db.prepare("INSERT INTO \"$meta\" (\"key\", \"value\") VALUES (?, ?) ON CONFLICT (\"key\")"
                    + " DO UPDATE SET \"value\" = excluded.\"value\"");
            p.setString(1, STAGING_SCHEMA);
            p.setString(2, current);
            p.executeUpdate();
            return null;
        });
    }

    /** The column-wise staging tables that exist ({@code $staging.<table>}). */
    private List<String> stagingTables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = db.prepare("SELECT \"name\" FROM sqlite_master WHERE \"type\" = 'table' AND \"name\" LIKE '$staging.%'")
                .executeQuery()) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /** Deletes a defining query's staged rows (those after {@code afterPage}) from every staging table. */
    private void dropStaged(String name, int afterPage) throws SQLException {
        List<String> tables = new ArrayList<>(stagingTables());
        tables.add("$staging");
        for (String table : tables) {
            String column = table.equals("$staging") ? "\"query\"" : "\"$query\"";
            String page = table.equals("$staging") ? "\"page\"" : "\"$page\"";
            if (afterPage == 0) {
                PreparedStatement others = db.prepare("SELECT 1 FROM " + Ddl.quote(table) + " WHERE " + column + " != ? LIMIT 1");
                others.setString(1, name);
                boolean alone;
                try (ResultSet rs = others.executeQuery()) {
                    alone = !rs.next();
                }
                if (alone) {
                    db.prepare("DELETE FROM " + Ddl.quote(table)).executeUpdate(); // SQLite truncates instead of deleting row by row
                    continue;
                }
            }
            PreparedStatement p = db.prepare("DELETE FROM " + Ddl.quote(table) + " WHERE " + column + " = ? AND " + page + " > ?");
            p.setString(1, name);
            p.setInt(2, afterPage);
            p.executeUpdate();
        }
    }

    // ---- defining queries ----------------------------------------------------------------------

    /**
     * Makes the store's defining queries these: new ones are added, changed ones start over
     * (their delta link and any staged pages are dropped), ones no longer given are forgotten.
     * Each query's URL is checked against the model first.
     */
    public void register(List<DefiningQuery> queries) {
        for (DefiningQuery q : queries) {
            try {
                targetSet(q);
            } catch (DataRequestException e) {
                throw new DataRequestException(400, "defining query '" + q.name() + "' (" + q.url() + "): " + e.getMessage());
            }
        }
        urls.clear();
        db.write(c -> {
            Map<String, Cursor> existing = new LinkedHashMap<>();
            for (Cursor cur : readCursors()) {
                existing.put(cur.name(), cur);
            }
            for (DefiningQuery q : queries) {
                Cursor old = existing.remove(q.name());
                if (old != null && old.url().equals(q.url()) && old.kind() == q.kind()) {
                    continue;
                }
                forget(q.name());
                PreparedStatement p = db.prepare("INSERT INTO \"$defining_queries\" (\"name\", \"url\", \"kind\") VALUES (?, ?, ?)");
                p.setString(1, q.name());
                p.setString(2, q.url());
                p.setString(3, q.kind().name());
                p.executeUpdate();
            }
            for (String gone : existing.keySet()) {
                forget(gone);
            }
            return null;
        });
    }

    private void forget(String name) throws SQLException {
        dropStaged(name, 0);
        for (String sql : List.of("DELETE FROM \"$defining_queries\" WHERE \"name\" = ?",
                "DELETE FROM \"$membership\" WHERE \"query\" = ?")) {
            PreparedStatement p = db.prepare(sql);
            p.setString(1, name);
            p.executeUpdate();
        }
    }

    /** Every defining query, in the order registered. */
    public List<Cursor> cursors() {
        return db.read(c -> readCursors());
    }

    /** One defining query. */
    public Cursor cursor(String name) {
        for (Cursor c : cursors()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new DataRequestException(404, "the store has no defining query named '" + name + "'; it has "
                + cursors().stream().map(Cursor::name).toList());
    }

    private List<Cursor> readCursors() throws SQLException {
        List<Cursor> out = new ArrayList<>();
        try (ResultSet rs = db.prepare("SELECT \"name\", \"url\", \"kind\", \"delta_link\", \"next_link\", \"pages\","
                + " \"delta\", \"last_download\" FROM \"$defining_queries\" ORDER BY rowid").executeQuery()) {
            while (rs.next()) {
                out.add(new Cursor(rs.getString(1), rs.getString(2), DefiningQuery.Kind.valueOf(rs.getString(3)),
                        rs.getString(4), rs.getString(5), rs.getInt(6), rs.getInt(7) == 1, rs.getString(8)));
            }
        }
        return out;
    }

    /** The entity set (or singleton) a defining query's URL returns entities of. */
    public String targetSet(DefiningQuery query) {
        if (query.kind() == DefiningQuery.Kind.CLEAR) {
            Catalog.Set set = catalog.require(query.url());
            if (set.system() || set.singleton()) {
                throw new DataRequestException(400, "'" + query.url() + "' is not an entity set of the service");
            }
            return set.name();
        }
        return resourceSet(DataQuery.parse(query.url()).resource()).name();
    }

    private Catalog.Set resourceSet(ResourcePath path) {
        Catalog.Set set = catalog.require(path.root());
        if (set.system()) {
            throw new DataRequestException(400, "'" + set.name() + "' is the store's own; it cannot be downloaded");
        }
        for (ResourcePath.Segment s : path.segments().subList(1, path.segments().size())) {
            if (s instanceof ResourcePath.Named n) {
                NavigationProperty nav = set.model().navigationProperty(set.entityType(), n.name()).orElseThrow(() ->
                        new DataRequestException(400, "'" + path.root() + "' has no navigation property '" + n.name() + "'"));
                set = catalog.require(catalog.relationship(set, nav.name()).targetSet());
            } else if (!(s instanceof ResourcePath.Key) && !(s instanceof ResourcePath.Cast)) {
                throw new DataRequestException(400, "a defining query returns entities; '" + path + "' does not");
            }
        }
        return set;
    }

    /** The entity sets a defining query's entities can be in: its target and the targets of its expands. */
    Set<String> coveredSets(Cursor cursor) {
        Set<String> sets = new LinkedHashSet<>();
        if (cursor.kind() == DefiningQuery.Kind.CLEAR) {
            sets.add(cursor.url());
            return sets;
        }
        DataQuery q = DataQuery.parse(cursor.url());
        Catalog.Set root = resourceSet(q.resource());
        sets.add(root.name());
        expanded(root, q.expand(), sets);
        return sets;
    }

    private void expanded(Catalog.Set set, List<Expand> expands, Set<String> into) {
        for (Expand e : expands) {
            Catalog.Set at = set;
            for (String segment : e.navigation().segments()) {
                NavigationProperty nav = at.model().navigationProperty(at.entityType(), segment).orElse(null);
                if (nav == null) {
                    break; // a type cast segment
                }
                Relationship rel = catalog.schema().relationship(at.name(), nav.name()).orElse(null);
                if (rel == null) {
                    return;
                }
                at = catalog.require(rel.targetSet());
            }
            into.add(at.name());
            expanded(at, e.options().expand(), into);
        }
    }

    // ---- staging -------------------------------------------------------------------------------

    /** Starts a download of a defining query at its first URL (full or delta); forgets anything staged. */
    public void start(String name, String firstUrl, boolean delta) {
        db.write(c -> {
            dropStaged(name, 0);
            PreparedStatement p = db.prepare("UPDATE \"$defining_queries\" SET \"next_link\" = ?, \"pages\" = 0, \"delta\" = ?"
                    + " WHERE \"name\" = ?");
            p.setString(1, firstUrl);
            p.setInt(2, delta ? 1 : 0);
            p.setString(3, name);
            p.executeUpdate();
            return null;
        });
    }

    /** Drops what an interrupted download staged after its last complete page; returns that page's number. */
    public int resume(String name) {
        return db.write(c -> {
            Cursor cur = cursor(name);
            dropStaged(name, cur.pages());
            return cur.pages();
        });
    }

    /**
     * Entities of a page, converted for staging: those of the defining query's own entity set
     * without expanded relatives as column values (staged column-wise, so that publishing them is
     * a few set-based statements), the others (expanded, removed) as JSON.
     */
    public static final class Chunk {
        private final String name;
        private final int page;
        private final Catalog.Set root;
        private final List<EntityRows.ServerRow> columnar = new ArrayList<>();
        private final List<Staged> json = new ArrayList<>();

        private Chunk(String name, int page, Catalog.Set root) {
            this.name = name;
            this.page = page;
            this.root = root;
        }
    }

    /**
     * Converts entities of a page for {@link #stage(Chunk)}; a value the model does not allow is
     * a {@link DataRequestException} here, before anything is written. Touches no table, so it
     * runs beside a staging write.
     */
    public Chunk prepare(String name, int page, List<Staged> entities) {
        Catalog.Set root = resourceSet(DataQuery.parse(cursorUrl(name)).resource());
        TableInfo info = rows.info(root);
        Chunk chunk = new Chunk(name, page, root);
        for (Staged s : entities) {
            EntityRows.ServerRow row = s.removed() || info.keyColumns.isEmpty() || root.singleton() ? null
                    : rows.serverRow(info, s.json());
            if (row == null) {
                chunk.json.add(s);
            } else {
                chunk.columnar.add(row);
            }
        }
        return chunk;
    }

    private final Map<String, String> urls = new java.util.concurrent.ConcurrentHashMap<>();

    /** A defining query's URL (fixed while it is registered: {@link #register} forgets what is kept here). */
    private String cursorUrl(String name) {
        // read once per download, not per chunk: a read waits for the lock a staging write holds
        return urls.computeIfAbsent(name, n -> cursor(n).url());
    }

    /** Stages a converted chunk of a page, in one short transaction. */
    public void stage(Chunk chunk) {
        String name = chunk.name;
        int page = chunk.page;
        Catalog.Set root = chunk.root;
        List<EntityRows.ServerRow> columnar = chunk.columnar;
        List<Staged> json = chunk.json;
        if (columnar.isEmpty() && json.isEmpty()) {
            return;
        }
        db.write(c -> {
            if (!json.isEmpty()) {
                PreparedStatement p = db.prepare("INSERT INTO \"$staging\" (\"query\", \"page\", \"removed\", \"body\")"
                        + " VALUES (?, ?, ?, ?)");
                for (Staged s : json) {
                    p.setString(1, name);
                    p.setInt(2, page);
                    p.setInt(3, s.removed() ? 1 : 0);
                    p.setString(4, s.json().toString());
                    p.addBatch();
                }
                p.executeBatch();
            }
            if (!columnar.isEmpty()) {
                String table = ensureStaging(root);
                Map<EntityRows.Shape, PreparedStatement> byShape = new java.util.IdentityHashMap<>();
                for (EntityRows.ServerRow r : columnar) {
                    PreparedStatement p = byShape.get(r.shape());
                    if (p == null) {
                        StringBuilder cols = new StringBuilder();
                        StringBuilder marks = new StringBuilder();
                        for (var col : r.shape().columns()) {
                            cols.append(", ").append(Ddl.quote(col.name()));
                            marks.append(", ?");
                        }
                        p = db.prepare("INSERT INTO " + Ddl.quote(table) + " (\"$query\", \"$page\", \"$type\", \"$etag\","
                                + " \"$shape\"" + cols + ") VALUES (?, ?, ?, ?, ?" + marks + ")");
                        byShape.put(r.shape(), p);
                    }
                    p.setString(1, name);
                    p.setInt(2, page);
                    p.setString(3, r.type());
                    p.setString(4, r.etag());
                    p.setString(5, r.shape().key());
                    int at = 6;
                    for (int slot : r.shape().slots()) {
                        EntityRows.bind(p, at++, r.values()[slot]);
                    }
                    p.addBatch();
                }
                for (PreparedStatement p : byShape.values()) {
                    p.executeBatch();
                }
            }
            return null;
        });
    }

    /** Creates the column-wise staging table of an entity table: its property columns, plus where each row came from. */
    private String ensureStaging(Catalog.Set set) throws SQLException {
        String table = "$staging." + set.table().table();
        StringBuilder defs = new StringBuilder("\"$seq\" INTEGER PRIMARY KEY, \"$query\" TEXT NOT NULL,"
                + " \"$page\" INTEGER NOT NULL, \"$type\" TEXT NOT NULL, \"$etag\" TEXT, \"$shape\" TEXT NOT NULL");
        for (var col : set.table().columns()) {
            defs.append(", ").append(Ddl.quote(col.name())).append(' ').append(col.sqlType())
                    .append(col.collation() != null ? " COLLATE " + col.collation() : "");
        }
        db.prepare("CREATE TABLE IF NOT EXISTS " + Ddl.quote(table) + " (" + defs + ")").execute();
        return table;
    }

    /** Records a complete page and the link to the next one (null after the last page). */
    public void pageDone(String name, int page, String nextLink) {
        db.write(c -> {
            PreparedStatement p = db.prepare("UPDATE \"$defining_queries\" SET \"pages\" = ?, \"next_link\" = ? WHERE \"name\" = ?");
            p.setInt(1, page);
            p.setString(2, nextLink);
            p.setString(3, name);
            p.executeUpdate();
            return null;
        });
    }

    /** Abandons a download (its data could not be published): the next download starts over. */
    public void abandon(String name) {
        db.write(c -> {
            dropStaged(name, 0);
            PreparedStatement p = db.prepare("UPDATE \"$defining_queries\" SET \"next_link\" = NULL, \"pages\" = 0,"
                    + " \"delta\" = 0 WHERE \"name\" = ?");
            p.setString(1, name);
            p.executeUpdate();
            return null;
        });
    }

    // ---- publishing ----------------------------------------------------------------------------

    /** A defining query ready to publish: its name and the delta link its download ended with (or null). */
    public record Ready(String name, String deltaLink) {
    }

    /**
     * Makes the staged entities of downloaded defining queries the store's server state, all in
     * one transaction, so readers see all of a download or none of it (S3): entities are written
     * (rebasing those with pending changes, S4), removed ones leave, and after a full (non-delta)
     * download the local copies a query no longer returned leave too, unless they have pending
     * changes or another defining query still returns them. {@link DefiningQuery#clear} rules run
     * here as well.
     */
    public Published publish(List<Ready> ready) {
        return db.write(c -> {
            ServerWriter writer = new ServerWriter(db, catalog, rows, state);
            long entities = 0;
            long removed = 0;
            for (Ready r : ready) {
                writer.startPart();
                Cursor cur = cursor(r.name());
                if (cur.kind() == DefiningQuery.Kind.CLEAR) {
                    removed += removeUnheld(cur.name(), catalog.require(cur.url()), false, false);
                } else {
                    Published one = publishOne(c, cur, writer);
                    entities += one.entities();
                    removed += one.removed();
                }
                PreparedStatement p = db.prepare("UPDATE \"$defining_queries\" SET \"delta_link\" = ?, \"next_link\" = NULL,"
                        + " \"pages\" = 0, \"delta\" = 0, \"last_download\" = ? WHERE \"name\" = ?");
                p.setString(1, r.deltaLink());
                p.setString(2, ValueCodec.instantText(OffsetDateTime.now(ZoneOffset.UTC)));
                p.setString(3, r.name());
                p.executeUpdate();
            }
            writer.finish();
            return new Published(entities, removed);
        });
    }

    private Published publishOne(java.sql.Connection c, Cursor cur, ServerWriter writer) throws SQLException {
        String name = cur.name();
        Catalog.Set root = resourceSet(DataQuery.parse(cur.url()).resource());
        Set<String> covered = coveredSets(cur);
        Set<String> shared = shared(name, covered);
        boolean fresh = !shared.contains(root.name()) && fresh(root);
        long entities = publishColumns(name, root, writer, fresh);
        long removed = 0;
        try (PreparedStatement staged = c.prepareStatement("SELECT \"removed\", \"body\" FROM \"$staging\""
                + " WHERE \"query\" = ? ORDER BY \"id\"")) {
            staged.setString(1, name);
            try (ResultSet rs = staged.executeQuery()) {
                while (rs.next()) {
                    JsonNode json = ValueCodec.parse(rs.getString(2));
                    if (!(json instanceof ObjectNode entity)) {
                        throw new DataRequestException(502, "defining query '" + name + "': the back end sent " + json
                                + " where an entity belongs");
                    }
                    if (rs.getInt(1) == 1) {
                        removed += removedEntry(name, root, entity, shared, writer);
                    } else {
                        writer.upsert(root, entity);
                        entities++;
                    }
                }
            }
        }
        for (String set : shared) {
            membership(name, set, cur.delta());
        }
        if (!cur.delta()) {
            for (String set : covered) {
                if (fresh && set.equals(root.name())) {
                    continue; // every entity of the set came with this query
                }
                removed += removeUnheld(name, catalog.require(set), shared.contains(set), true);
            }
        }
        dropStaged(name, 0);
        return new Published(entities, removed);
    }

    /**
     * Publishes a query's column-wise staged entities, shape by shape, with set-based statements:
     * entities with local changes get their server image replaced (and are rebased), the others
     * are inserted or updated in place, later staged rows of a key winning.
     */
    /**
     * Whether a set's entities published now are all there will be of it, and nothing else needs
     * to know which they are: its table and server image are empty (a first download), it does
     * not reference itself, and no entity of another set references it yet (whose reference would
     * be resolved from what was written).
     */
    private boolean fresh(Catalog.Set set) throws SQLException {
        if (!rows.isEmpty(set.table().table()) || !rows.isEmpty(set.table().serverTable())) {
            return false;
        }
        for (Relationship rel : catalog.schema().relationships()) {
            if (rel.storage() == Relationship.Storage.REFERENCE && rel.targetSet().equals(set.name())) {
                Catalog.Set from = catalog.require(rel.entitySet());
                if (from.name().equals(set.name()) || !rows.isEmpty(from.table().table())
                        || !rows.isEmpty(from.table().serverTable())) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Publishes a query's column-wise staged entities. When {@code fresh} (see {@link #fresh}),
     * they are inserted without keeping which ones were written, which only a removal of what
     * the query no longer returns or a later reference needs.
     */
    private long publishColumns(String name, Catalog.Set set, ServerWriter writer, boolean fresh) throws SQLException {
        String table = "$staging." + set.table().table();
        if (!stagingTables().contains(table)) {
            return 0;
        }
        TableInfo info = rows.info(set);
        String staging = Ddl.quote(table);
        String main = info.quoted;
        String image = Ddl.quote(set.table().serverTable());
        List<String> keys = new ArrayList<>();
        for (var k : info.keyColumns) {
            keys.add(Ddl.quote(k.name()));
        }
        List<String> shapes = new ArrayList<>();
        PreparedStatement q = db.prepare("SELECT DISTINCT \"$shape\" FROM " + staging + " WHERE \"$query\" = ?");
        q.setString(1, name);
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                shapes.add(rs.getString(1));
            }
        }
        List<ServerWriter.Reference> references = ServerWriter.references(catalog, set);
        long count = 0;
        for (String shape : shapes) {
            EntityRows.Shape columns = rows.shape(info, shape);
            List<String> cols = new ArrayList<>();
            List<String> shapeColumns = new ArrayList<>();
            for (var col : columns.columns()) {
                cols.add(Ddl.quote(col.name()));
                shapeColumns.add(col.name());
            }
            String imageMatch = match("img", "st", keys);
            StringBuilder setImage = new StringBuilder("\"$type\" = st.\"$type\", \"$etag\" = st.\"$etag\"");
            StringBuilder insertCols = new StringBuilder("\"$type\", \"$etag\", \"$new\", \"$local\"");
            StringBuilder selectCols = new StringBuilder("st.\"$type\", st.\"$etag\", 0, 0");
            StringBuilder update = new StringBuilder("\"$type\" = excluded.\"$type\", \"$etag\" = excluded.\"$etag\","
                    + " \"$local\" = 0");
            for (String col : cols) {
                setImage.append(", ").append(col).append(" = st.").append(col);
                insertCols.append(", ").append(col);
                selectCols.append(", st.").append(col);
                update.append(", ").append(col).append(" = excluded.").append(col);
            }
            // reference columns are filled as the rows are written, not by a second pass over them
            for (ServerWriter.Reference ref : references) {
                if (!shapeColumns.containsAll(ref.dependent())) {
                    continue; // this shape leaves the dependent values (and so the reference) as they are
                }
                String col = Ddl.quote(ref.rel().column());
                setImage.append(", ").append(col).append(" = CASE WHEN ").append(ref.known("st")).append(" THEN ")
                        .append(ref.lookup("st")).append(" ELSE img.").append(col).append(" END");
                insertCols.append(", ").append(col);
                selectCols.append(", ").append(ref.lookup("st"));
                update.append(", ").append(col).append(" = CASE WHEN ").append(ref.known("excluded")).append(" THEN excluded.")
                        .append(col).append(" ELSE ").append(col).append(" END");
            }
            // entities with local changes: their server image takes the new state, local state is rebased
            int dirty = fresh ? 0 : rows.execute("UPDATE " + image + " AS img SET " + setImage + " FROM " + staging + " st WHERE st.\"$query\" = ?"
                    + " AND st.\"$shape\" = ? AND " + imageMatch, name, shape);
            if (dirty > 0) {
                writer.rebaseLater();
            }
            List<String> notNull = new ArrayList<>();
            for (String k : keys) {
                notNull.add(k + " IS NOT NULL");
            }
            count += rows.execute("INSERT INTO " + main + " (" + insertCols + ") SELECT " + selectCols + " FROM " + staging + " st"
                    + " WHERE st.\"$query\" = ? AND st.\"$shape\" = ? AND NOT EXISTS (SELECT 1 FROM " + image + " img WHERE "
                    + imageMatch + ") ORDER BY st.\"$seq\" ON CONFLICT (" + String.join(", ", keys) + ") WHERE "
                    + String.join(" AND ", notNull) + " DO UPDATE SET " + update + " WHERE \"$new\" = 0", name, shape);
        }
        if (fresh) {
            return count;
        }
        count = 0;
        String mainMatch = match("m", "st", keys);
        count += rows.execute("INSERT OR IGNORE INTO temp.\"$written\" (\"entity_set\", \"lid\") SELECT DISTINCT ?, m.\"$lid\""
                + " FROM " + staging + " st JOIN " + main + " m ON " + mainMatch + " WHERE st.\"$query\" = ?", set.name(), name);
        count += rows.execute("INSERT OR IGNORE INTO temp.\"$written\" (\"entity_set\", \"lid\") SELECT DISTINCT ?, img.\"$lid\""
                + " FROM " + staging + " st JOIN " + image + " img ON " + match("img", "st", keys) + " WHERE st.\"$query\" = ?",
                set.name(), name);
        return count;
    }

    private static String match(String a, String b, List<String> keys) {
        List<String> parts = new ArrayList<>();
        for (String k : keys) {
            parts.add(a + "." + k + " = " + b + "." + k);
        }
        return String.join(" AND ", parts);
    }

    /** Covered sets that another defining query covers too: only these need membership records. */
    private Set<String> shared(String name, Set<String> covered) throws SQLException {
        Set<String> shared = new LinkedHashSet<>();
        for (Cursor other : readCursors()) {
            if (!other.name().equals(name)) {
                for (String set : coveredSets(other)) {
                    if (covered.contains(set)) {
                        shared.add(set);
                    }
                }
            }
        }
        return shared;
    }

    /** Records which entities of a shared set this query returned (all of them after a full download). */
    private void membership(String name, String set, boolean delta) throws SQLException {
        if (!delta) {
            rows.execute("DELETE FROM \"$membership\" WHERE \"query\" = ? AND \"entity_set\" = ?", name, set);
        }
        rows.execute("INSERT OR IGNORE INTO \"$membership\" (\"entity_set\", \"lid\", \"query\") SELECT \"entity_set\","
                + " \"lid\", ? FROM temp.\"$written\" WHERE \"entity_set\" = ?", name, set);
    }

    /** A delta {@code @removed} entry: a deletion, or an entity that no longer matches the query. */
    private long removedEntry(String name, Catalog.Set root, ObjectNode entry, Set<String> shared, ServerWriter writer)
            throws SQLException {
        String id = entry.path("@id").asText(entry.path("@odata.id").asText(null));
        if (id == null) {
            throw new DataRequestException(502, "defining query '" + name + "': a removed entry has no @id: " + entry);
        }
        int at = id.lastIndexOf(root.name() + "(");
        Catalog.Set set = root;
        if (at < 0) {
            int paren = id.lastIndexOf('(');
            int slash = id.lastIndexOf('/', paren);
            if (paren < 0) {
                throw new DataRequestException(502, "defining query '" + name + "': cannot read the entity of removed @id '"
                        + id + "'");
            }
            set = catalog.require(id.substring(slash + 1, paren));
            at = slash + 1;
        }
        ResourcePath path = DataQuery.parse(id.substring(at)).resource();
        if (path.segments().size() != 2 || !(path.segments().get(1) instanceof ResourcePath.Key key)) {
            throw new DataRequestException(502, "defining query '" + name + "': removed @id '" + id + "' is not an entity");
        }
        List<Object> keyValues = rows.keyValues(set, key);
        String reason = entry.path("@removed").path("reason").asText("deleted");
        if (reason.equals("deleted")) {
            long lid = writer.lid(set, keyValues);
            rows.execute("DELETE FROM \"$membership\" WHERE \"entity_set\" = ? AND \"lid\" = ?", set.name(), lid);
            return writer.deleteByKey(set, keyValues) ? 1 : 0;
        }
        // "changed": it left this query's result; it stays while held by a pending change or another query
        long lid = rows.lidByKey(rows.info(set), keyValues);
        if (lid == 0) {
            return 0;
        }
        rows.execute("DELETE FROM \"$membership\" WHERE \"entity_set\" = ? AND \"lid\" = ? AND \"query\" = ?",
                set.name(), lid, name);
        return removeUnheldRows(set, shared.contains(set), "\"$lid\" = ?", List.of(lid), name);
    }

    /**
     * Removes a set's server entities that are not held: not written by this download (when
     * {@code unseenOnly}), not new, without server image or pending request, and (for a shared set)
     * returned by no other defining query.
     */
    private long removeUnheld(String name, Catalog.Set set, boolean shared, boolean unseenOnly) throws SQLException {
        List<Object> params = new ArrayList<>();
        String where = "1 = 1";
        if (unseenOnly) {
            where = "\"$lid\" NOT IN (SELECT \"lid\" FROM temp.\"$written\" WHERE \"entity_set\" = ?)";
            params.add(set.name());
        }
        return removeUnheldRows(set, shared, where, params, name);
    }

    private long removeUnheldRows(Catalog.Set set, boolean shared, String where, List<Object> params, String name)
            throws SQLException {
        db.prepare("CREATE TEMP TABLE IF NOT EXISTS \"$gone\" (\"lid\" INTEGER PRIMARY KEY)").execute();
        db.prepare("DELETE FROM temp.\"$gone\"").executeUpdate();
        List<Object> all = new ArrayList<>(params);
        String sql = "INSERT INTO temp.\"$gone\" (\"lid\") SELECT \"$lid\" FROM " + Ddl.quote(set.table().table())
                + " WHERE \"$new\" = 0 AND " + where
                + " AND \"$lid\" NOT IN (SELECT \"$lid\" FROM " + Ddl.quote(set.table().serverTable()) + ")"
                + " AND \"$lid\" NOT IN (SELECT \"lid\" FROM \"$request_entities\" WHERE \"entity_set\" = ?)";
        all.add(set.name());
        if (shared) {
            sql += " AND \"$lid\" NOT IN (SELECT \"lid\" FROM \"$membership\" WHERE \"entity_set\" = ? AND \"query\" != ?)";
            all.add(set.name());
            all.add(name);
        }
        int gone = rows.execute(sql, all.toArray());
        if (gone == 0) {
            return 0;
        }
        rows.execute("DELETE FROM " + Ddl.quote(set.table().table()) + " WHERE \"$lid\" IN (SELECT \"lid\" FROM temp.\"$gone\")");
        rows.execute("DELETE FROM \"$membership\" WHERE \"entity_set\" = ? AND \"lid\" IN (SELECT \"lid\" FROM temp.\"$gone\")",
                set.name());
        for (LinkTable l : catalog.schema().linkTables()) {
            if (l.sourceSet().equals(set.name())) {
                rows.execute("DELETE FROM " + Ddl.quote(l.table()) + " WHERE \"source$lid\" IN (SELECT \"lid\" FROM temp.\"$gone\")");
            }
            if (l.targetSet().equals(set.name())) {
                rows.execute("DELETE FROM " + Ddl.quote(l.table()) + " WHERE \"target$lid\" IN (SELECT \"lid\" FROM temp.\"$gone\")");
            }
        }
        for (Relationship rel : catalog.schema().relationships()) {
            if (rel.storage() == Relationship.Storage.REFERENCE && rel.targetSet().equals(set.name())) {
                String table = catalog.require(rel.entitySet()).table().table();
                rows.execute("UPDATE " + Ddl.quote(table) + " SET " + Ddl.quote(rel.column()) + " = NULL WHERE "
                        + Ddl.quote(rel.column()) + " IN (SELECT \"lid\" FROM temp.\"$gone\")");
            }
        }
        return gone;
    }
}
