package dev.outpost.internal.schema;

import java.util.ArrayList;
import java.util.List;

/** The SQL that creates a store schema: entity tables, their server-image twins, link tables and indexes. */
public final class Ddl {

    /** System columns every entity table has, before the property columns ({@code $lid} first). */
    public static final List<String> SYSTEM_COLUMNS = List.of(
            "\"$lid\" INTEGER PRIMARY KEY",
            "\"$type\" TEXT NOT NULL",
            "\"$etag\" TEXT",
            "\"$media\" TEXT",
            "\"$new\" INTEGER NOT NULL DEFAULT 0",
            "\"$local\" INTEGER NOT NULL DEFAULT 0");

    private Ddl() {
    }

    /** Double-quotes an SQL identifier. */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** Every statement that creates the schema, in order. */
    public static List<String> create(StoreSchema schema) {
        List<String> sql = new ArrayList<>();
        for (EntityTable t : schema.tables()) {
            sql.addAll(create(t));
        }
        for (LinkTable l : schema.linkTables()) {
            sql.addAll(create(l));
        }
        return sql;
    }

    /** The statements for one entity table, its server image and its indexes. */
    public static List<String> create(EntityTable t) {
        List<String> sql = new ArrayList<>();
        sql.add(createTable(t.table(), t.columns(), true));
        sql.add(createTable(t.serverTable(), t.columns(), false));
        for (EntityTable.Index i : t.indexes()) {
            sql.add(index(t, i));
        }
        return sql;
    }

    /** The statements for one link table and its server image. */
    public static List<String> create(LinkTable l) {
        List<String> sql = new ArrayList<>();
        for (String table : List.of(l.table(), "$server." + l.table())) {
            sql.add("CREATE TABLE " + quote(table) + " (\"source$lid\" INTEGER NOT NULL, \"target$lid\" INTEGER NOT NULL,"
                    + " PRIMARY KEY (\"source$lid\", \"target$lid\")) WITHOUT ROWID");
            sql.add("CREATE INDEX " + quote(table + "$target") + " ON " + quote(table) + " (\"target$lid\")");
        }
        return sql;
    }

    /** Adds one column to a table and its server image. */
    public static List<String> addColumn(EntityTable t, Column c) {
        return List.of("ALTER TABLE " + quote(t.table()) + " ADD COLUMN " + column(c),
                "ALTER TABLE " + quote(t.serverTable()) + " ADD COLUMN " + column(c));
    }

    /** Creates one (partial) index. */
    public static String index(EntityTable t, EntityTable.Index i) {
        List<String> cols = new ArrayList<>();
        List<String> known = new ArrayList<>();
        for (String c : i.columns()) {
            cols.add(quote(c));
            known.add(quote(c) + " IS NOT NULL");
        }
        return "CREATE " + (i.unique() ? "UNIQUE " : "") + "INDEX " + quote(i.name()) + " ON " + quote(t.table())
                + " (" + String.join(", ", cols) + ") WHERE " + String.join(" AND ", known);
    }

    /** Local entity IDs are never reused, so main tables count them with AUTOINCREMENT; server images copy them. */
    private static String createTable(String table, List<Column> columns, boolean main) {
        List<String> defs = new ArrayList<>(SYSTEM_COLUMNS);
        if (main) {
            defs.set(0, "\"$lid\" INTEGER PRIMARY KEY AUTOINCREMENT");
        }
        for (Column c : columns) {
            defs.add(column(c));
        }
        return "CREATE TABLE " + quote(table) + " (" + String.join(", ", defs) + ")";
    }

    private static String column(Column c) {
        return quote(c.name()) + " " + c.sqlType() + (c.collation() != null ? " COLLATE " + c.collation() : "");
    }
}
