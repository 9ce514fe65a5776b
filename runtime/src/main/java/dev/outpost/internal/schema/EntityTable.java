package dev.outpost.internal.schema;

import java.util.List;
import java.util.Optional;

/**
 * The table of one entity set (or singleton): system columns ({@code $lid}, {@code $type},
 * {@code $etag}, local-state flags), one column per primitive property (complex properties
 * flattened), reference columns for single-valued navigations, and indexes on key and
 * foreign-key columns.
 *
 * @param entitySet the entity set or singleton name
 * @param table the SQL table name
 * @param entityType the set's entity type
 * @param singleton whether this is a singleton
 * @param keyColumns the key columns in key order
 * @param columns every non-system column
 * @param indexes the indexes
 */
public record EntityTable(String entitySet, String table, String entityType, boolean singleton, List<String> keyColumns,
                          List<Column> columns, List<Index> indexes) {

    public EntityTable {
        keyColumns = List.copyOf(keyColumns);
        columns = List.copyOf(columns);
        indexes = List.copyOf(indexes);
    }

    /** The table holding the last downloaded state of entities that have local changes. */
    public String serverTable() {
        return "$server." + table;
    }

    /** The column with this name. */
    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** The column storing a property path (role PROPERTY or COMPLEX_PRESENT). */
    public Optional<Column> propertyColumn(List<String> path) {
        return columns.stream().filter(c -> c.path().equals(path)
                && (c.role() == Column.Role.PROPERTY || c.role() == Column.Role.COMPLEX_PRESENT)).findFirst();
    }

    /** The reference column of a single-valued navigation declared on this set's type. */
    public Optional<Column> referenceColumn(String navigation) {
        return columns.stream().filter(c -> c.role() == Column.Role.REFERENCE && c.path().equals(List.of(navigation)))
                .findFirst();
    }

    /**
     * An index. It holds only rows whose indexed columns are all known (a partial index): rows
     * created offline without keys or references cost no index writes, and lookups by equality
     * still use it. Unique key indexes check uniqueness exactly when every key part is known (L1).
     *
     * @param name the index name
     * @param columns the indexed columns
     * @param unique whether it is unique
     */
    public record Index(String name, List<String> columns, boolean unique) {
        public Index {
            columns = List.copyOf(columns);
        }
    }
}
