package dev.outpost.internal.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The difference between two schema snapshots. Additive changes (new entity sets, properties,
 * navigations, indexes) become migration SQL; anything removed, renamed or retyped is an
 * incompatible change, listed element by element. The differ never guesses renames: a rename is
 * a removal plus an addition.
 *
 * @param migration SQL statements that turn the old schema into the new one (additive changes)
 * @param incompatible one line per removed, renamed or retyped element
 */
public record SchemaDiff(List<String> migration, List<String> incompatible) {

    public SchemaDiff {
        migration = List.copyOf(migration);
        incompatible = List.copyOf(incompatible);
    }

    /** Whether the new schema can be reached by migration. */
    public boolean isAdditive() {
        return incompatible.isEmpty();
    }

    /** Whether nothing changed. */
    public boolean isEmpty() {
        return migration.isEmpty() && incompatible.isEmpty();
    }

    /** Compares an old snapshot with a new one. */
    public static SchemaDiff between(StoreSchema before, StoreSchema after) {
        List<String> sql = new ArrayList<>();
        List<String> incompatible = new ArrayList<>();
        if (!before.service().equals(after.service())) {
            incompatible.add("service: '" + before.service() + "' became '" + after.service() + "'");
        }
        for (EntityTable old : before.tables()) {
            EntityTable now = after.table(old.entitySet()).orElse(null);
            if (now == null) {
                incompatible.add("entity set '" + old.entitySet() + "' was removed (or renamed)");
                continue;
            }
            if (!old.entityType().equals(now.entityType())) {
                incompatible.add("entity set '" + old.entitySet() + "' changed its type from " + old.entityType()
                        + " to " + now.entityType());
            }
            if (!old.keyColumns().equals(now.keyColumns())) {
                incompatible.add("entity set '" + old.entitySet() + "' changed its key from " + old.keyColumns() + " to "
                        + now.keyColumns());
            }
            for (Column c : old.columns()) {
                Column n = now.column(c.name()).orElse(null);
                if (n == null) {
                    incompatible.add(describe(old, c) + " was removed (or renamed)");
                } else if (!sameType(c, n)) {
                    incompatible.add(describe(old, c) + " changed its type from " + typeOf(c) + " to " + typeOf(n));
                }
            }
            for (Column c : now.columns()) {
                if (old.column(c.name()).isEmpty()) {
                    sql.addAll(Ddl.addColumn(now, c));
                }
            }
            for (EntityTable.Index i : now.indexes()) {
                if (old.indexes().stream().noneMatch(o -> o.name().equals(i.name()))) {
                    sql.add(Ddl.index(now, i));
                }
            }
        }
        for (EntityTable t : after.tables()) {
            if (before.table(t.entitySet()).isEmpty()) {
                sql.addAll(Ddl.create(t));
            }
        }
        for (LinkTable l : after.linkTables()) {
            if (before.linkTables().stream().noneMatch(o -> o.table().equals(l.table()))) {
                sql.addAll(Ddl.create(l));
            }
        }
        for (LinkTable l : before.linkTables()) {
            if (after.linkTables().stream().noneMatch(o -> o.table().equals(l.table()))) {
                incompatible.add("relationship '" + l.sourceSet() + "/" + l.sourceNavigation() + "' was removed (or renamed)");
            }
        }
        for (Relationship r : before.relationships()) {
            Relationship n = after.relationship(r.entitySet(), r.navigation()).orElse(null);
            if (n == null) {
                incompatible.add("navigation '" + r.entitySet() + "/" + r.navigation() + "' was removed (or unbound)");
            } else if (!Objects.equals(r.targetSet(), n.targetSet()) || r.storage() != n.storage()
                    || !Objects.equals(r.table(), n.table())) {
                incompatible.add("navigation '" + r.entitySet() + "/" + r.navigation() + "' changed its target or"
                        + " cardinality");
            }
        }
        return new SchemaDiff(sql, incompatible);
    }

    private static boolean sameType(Column a, Column b) {
        return a.role() == b.role() && a.edmType().equals(b.edmType()) && a.collection() == b.collection()
                && a.sqlType() == b.sqlType() && Objects.equals(a.collation(), b.collation());
    }

    private static String typeOf(Column c) {
        return c.collection() ? "Collection(" + c.edmType() + ")" : c.edmType();
    }

    private static String describe(EntityTable t, Column c) {
        String what = switch (c.role()) {
            case REFERENCE -> "navigation";
            case OFFSET -> "offset of property";
            case COMPLEX_PRESENT -> "complex property";
            case DYNAMIC -> "dynamic properties of";
            default -> "property";
        };
        return what + " '" + t.entitySet() + "/" + String.join("/", c.path()) + "'";
    }
}
