package dev.outpost.internal.store;

import dev.outpost.DataRequestException;
import dev.outpost.internal.schema.Ddl;
import dev.outpost.internal.schema.Relationship;
import dev.outpost.model.EntityType;
import dev.outpost.model.NavigationProperty;
import dev.outpost.model.OnDeleteAction;
import dev.outpost.model.ReferentialConstraint;
import dev.outpost.model.ServiceModel;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Relationship operations over the three ways the store keeps a navigation: a reference column
 * on the source, a reference column on the target (the partner's), or a link table. Linking also
 * copies referential-constraint values (a Task's {@code WorkOrderId} from its WorkOrder's
 * {@code Id}) when they are known.
 */
final class Links {

    private final Database db;
    private final Catalog catalog;
    private final EntityRows rows;

    Links(Database db, Catalog catalog, EntityRows rows) {
        this.db = db;
        this.catalog = catalog;
        this.rows = rows;
    }

    Relationship relationship(Catalog.Set source, String navigation) {
        return catalog.relationship(source, navigation);
    }

    /**
     * Whether deleting an entity deletes the targets of this navigation: it is declared
     * {@code OnDelete Action="Cascade"}, or its partner is single-valued and not nullable (a
     * dependent that cannot exist without its principal; the back end deletes it with the principal).
     */
    static boolean cascadesOnDelete(ServiceModel model, NavigationProperty nav) {
        if (nav.onDelete() == OnDeleteAction.CASCADE) {
            return true;
        }
        if (nav.partner() == null) {
            return false;
        }
        return model.entityType(nav.targetType())
                .flatMap(target -> model.navigationProperty(target, nav.partner()))
                .map(partner -> !partner.collection() && !partner.nullable())
                .orElse(false);
    }

    /** The entity whose row or links change when this relationship changes (for its server image). */
    record Touched(Catalog.Set set, long lid) {
    }

    /** Relates source to target: sets a single-valued navigation or adds to a collection. */
    List<Touched> link(Catalog.Set source, long sourceLid, String navigation, long targetLid) throws SQLException {
        Relationship r = relationship(source, navigation);
        Catalog.Set target = catalog.require(r.targetSet());
        List<Touched> touched = new ArrayList<>();
        switch (r.storage()) {
            case REFERENCE -> {
                touched.add(new Touched(source, sourceLid));
                setReference(source, sourceLid, r.column(), targetLid);
                copyConstraint(source, sourceLid, navigation, target, targetLid);
            }
            case REVERSE_REFERENCE -> {
                if (!r.collection()) {
                    // 1:1 kept on the other side: the previous target no longer points back
                    for (long old : reverseOwners(target, r.column(), sourceLid)) {
                        touched.add(new Touched(target, old));
                        setReference(target, old, r.column(), 0);
                    }
                }
                touched.add(new Touched(target, targetLid));
                setReference(target, targetLid, r.column(), sourceLid);
                if (r.partner() != null) {
                    copyConstraint(target, targetLid, r.partner(), source, sourceLid);
                }
            }
            case LINK_TABLE -> {
                touched.add(new Touched(source, sourceLid));
                PreparedStatement p = db.prepare("INSERT OR IGNORE INTO " + Ddl.quote(r.table()) + " ("
                        + Ddl.quote(r.column()) + ", " + Ddl.quote(r.otherColumn()) + ") VALUES (?, ?)");
                p.setLong(1, sourceLid);
                p.setLong(2, targetLid);
                p.executeUpdate();
            }
        }
        return touched;
    }

    /** The entities whose rows change when {@link #link} or {@link #unlink} runs, computed before running it. */
    List<Touched> affected(Catalog.Set source, long sourceLid, String navigation, long targetLid) throws SQLException {
        Relationship r = relationship(source, navigation);
        Catalog.Set target = catalog.require(r.targetSet());
        List<Touched> touched = new ArrayList<>();
        if (r.storage() == Relationship.Storage.REVERSE_REFERENCE) {
            if (!r.collection()) {
                for (long old : reverseOwners(target, r.column(), sourceLid)) {
                    touched.add(new Touched(target, old));
                }
            }
            if (targetLid > 0) {
                touched.add(new Touched(target, targetLid));
            }
        } else {
            touched.add(new Touched(source, sourceLid));
        }
        return touched;
    }

    /**
     * Removes a relationship: for a collection the pair with {@code targetLid}; for a
     * single-valued navigation whatever it points to ({@code targetLid} 0) or only that target.
     */
    List<Touched> unlink(Catalog.Set source, long sourceLid, String navigation, long targetLid) throws SQLException {
        Relationship r = relationship(source, navigation);
        Catalog.Set target = catalog.require(r.targetSet());
        List<Touched> touched = new ArrayList<>();
        switch (r.storage()) {
            case REFERENCE -> {
                touched.add(new Touched(source, sourceLid));
                TableInfo info = rows.info(source);
                Object current = rows.value(info, sourceLid, r.column());
                if (targetLid == 0 || (current instanceof Number n && n.longValue() == targetLid)) {
                    setReference(source, sourceLid, r.column(), 0);
                    clearConstraint(source, sourceLid, navigation);
                }
            }
            case REVERSE_REFERENCE -> {
                List<Long> owners = targetLid > 0 ? List.of(targetLid) : reverseOwners(target, r.column(), sourceLid);
                for (long owner : owners) {
                    TableInfo info = rows.info(target);
                    Object current = rows.value(info, owner, r.column());
                    if (current instanceof Number n && n.longValue() == sourceLid) {
                        touched.add(new Touched(target, owner));
                        setReference(target, owner, r.column(), 0);
                        if (r.partner() != null) {
                            clearConstraint(target, owner, r.partner());
                        }
                    }
                }
            }
            case LINK_TABLE -> {
                if (targetLid == 0) {
                    throw new DataRequestException(400, "removing a relationship of the collection '" + navigation
                            + "' needs the related entity");
                }
                touched.add(new Touched(source, sourceLid));
                PreparedStatement p = db.prepare("DELETE FROM " + Ddl.quote(r.table()) + " WHERE " + Ddl.quote(r.column())
                        + " = ? AND " + Ddl.quote(r.otherColumn()) + " = ?");
                p.setLong(1, sourceLid);
                p.setLong(2, targetLid);
                p.executeUpdate();
            }
        }
        return touched;
    }

    /** The local IDs of the entities a navigation of one entity leads to. */
    /**
     * The entities that go when this one goes: the targets of its navigations that cascade
     * ({@link #cascadesOnDelete}), direct ones only, in navigation order.
     */
    List<Touched> dependents(Catalog.Set set, long lid) throws SQLException {
        List<Touched> out = new ArrayList<>();
        for (NavigationProperty nav : set.model().navigationProperties(set.entityType())) {
            if (catalog.schema().relationship(set.name(), nav.name()).isEmpty()
                    || !cascadesOnDelete(set.model(), nav)) {
                continue;
            }
            Catalog.Set target = catalog.require(relationship(set, nav.name()).targetSet());
            for (long dependent : targets(set, lid, nav.name())) {
                out.add(new Touched(target, dependent));
            }
        }
        return out;
    }

    List<Long> targets(Catalog.Set source, long sourceLid, String navigation) throws SQLException {
        Relationship r = relationship(source, navigation);
        Catalog.Set target = catalog.require(r.targetSet());
        String sql = switch (r.storage()) {
            case REFERENCE -> "SELECT t.\"$lid\" FROM " + Ddl.quote(source.table().table()) + " s JOIN "
                    + Ddl.quote(target.table().table()) + " t ON t.\"$lid\" = s." + Ddl.quote(r.column())
                    + " WHERE s.\"$lid\" = ?";
            case REVERSE_REFERENCE -> "SELECT \"$lid\" FROM " + Ddl.quote(target.table().table()) + " WHERE "
                    + Ddl.quote(r.column()) + " = ?";
            case LINK_TABLE -> "SELECT l." + Ddl.quote(r.otherColumn()) + " FROM " + Ddl.quote(r.table()) + " l JOIN "
                    + Ddl.quote(target.table().table()) + " t ON t.\"$lid\" = l." + Ddl.quote(r.otherColumn())
                    + " WHERE l." + Ddl.quote(r.column()) + " = ?";
        };
        PreparedStatement p = db.prepare(sql);
        p.setLong(1, sourceLid);
        List<Long> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    private List<Long> reverseOwners(Catalog.Set target, String column, long sourceLid) throws SQLException {
        PreparedStatement p = db.prepare("SELECT \"$lid\" FROM " + Ddl.quote(target.table().table()) + " WHERE "
                + Ddl.quote(column) + " = ?");
        p.setLong(1, sourceLid);
        List<Long> out = new ArrayList<>();
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    private void setReference(Catalog.Set set, long lid, String column, long target) throws SQLException {
        PreparedStatement p = db.prepare("UPDATE " + Ddl.quote(set.table().table()) + " SET " + Ddl.quote(column)
                + " = ?, \"$local\" = 1 WHERE \"$lid\" = ?");
        if (target > 0) {
            p.setLong(1, target);
        } else {
            p.setNull(1, java.sql.Types.INTEGER);
        }
        p.setLong(2, lid);
        p.executeUpdate();
    }

    /** Copies the principal's referenced property values into the dependent's constrained properties. */
    private void copyConstraint(Catalog.Set dependent, long dependentLid, String navigation, Catalog.Set principal,
                                long principalLid) throws SQLException {
        for (ReferentialConstraint rc : constraints(dependent, navigation)) {
            if (dependent.table().column(rc.property()).isEmpty() || principal.table().column(rc.referencedProperty()).isEmpty()) {
                continue;
            }
            PreparedStatement p = db.prepare("UPDATE " + Ddl.quote(dependent.table().table()) + " SET "
                    + Ddl.quote(rc.property()) + " = coalesce((SELECT " + Ddl.quote(rc.referencedProperty()) + " FROM "
                    + Ddl.quote(principal.table().table()) + " WHERE \"$lid\" = ?), " + Ddl.quote(rc.property())
                    + ") WHERE \"$lid\" = ?");
            p.setLong(1, principalLid);
            p.setLong(2, dependentLid);
            p.executeUpdate();
        }
    }

    private void clearConstraint(Catalog.Set dependent, long dependentLid, String navigation) throws SQLException {
        TableInfo info = rows.info(dependent);
        for (ReferentialConstraint rc : constraints(dependent, navigation)) {
            if (dependent.table().column(rc.property()).isEmpty() || info.table.keyColumns().contains(rc.property())) {
                continue; // a key part stays: the entity does not change its identity
            }
            PreparedStatement p = db.prepare("UPDATE " + Ddl.quote(dependent.table().table()) + " SET "
                    + Ddl.quote(rc.property()) + " = NULL WHERE \"$lid\" = ?");
            p.setLong(1, dependentLid);
            p.executeUpdate();
        }
    }

    private List<ReferentialConstraint> constraints(Catalog.Set set, String navigation) {
        EntityType type = set.entityType();
        return set.model().navigationProperty(type, navigation).map(NavigationProperty::referentialConstraints)
                .orElse(List.of());
    }
}
