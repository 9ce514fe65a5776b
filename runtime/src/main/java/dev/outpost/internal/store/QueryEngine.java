package dev.outpost.internal.store;

import dev.outpost.DataRequestException;
import dev.outpost.EntityValue;
import dev.outpost.QueryResult;
import dev.outpost.internal.EntityAccess;
import dev.outpost.internal.schema.Column;
import dev.outpost.internal.schema.Ddl;
import dev.outpost.internal.schema.Relationship;
import dev.outpost.model.EntityType;
import dev.outpost.model.NavigationProperty;
import dev.outpost.model.QualifiedName;
import dev.outpost.query.DataQuery;
import dev.outpost.query.Expand;
import dev.outpost.query.Expr;
import dev.outpost.query.OrderBy;
import dev.outpost.query.ResourcePath;
import dev.outpost.spi.ValueFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Runs queries on the store: resolves the resource path, renders SQL, reads entities with their
 * local state, expands navigations with their nested options, counts, and pages with next links
 * when {@code odata.maxpagesize} asks for it (Q1–Q6).
 */
final class QueryEngine {

    private final Database db;
    private final Catalog catalog;
    private final EntityRows rows;
    private final EntityReader reader;
    private final RequestQueue queue;

    QueryEngine(Database db, Catalog catalog, EntityRows rows, RequestQueue queue) {
        this.db = db;
        this.catalog = catalog;
        this.rows = rows;
        this.queue = queue;
        this.reader = new EntityReader(rows, db);
    }

    QueryResult<EntityValue> execute(DataQuery query, ValueFactory factory) {
        if (query.resource() == null) {
            throw new DataRequestException(400, "the query has no entity set; start it with DataQuery.from(...)");
        }
        return db.read(c -> {
            Target target = resolve(query.resource());
            if (target.empty()) {
                return new QueryResult<>(List.of(), query.count() || target.countOnly() ? 0L : null, null);
            }
            return run(target, query, factory, query);
        });
    }

    // ---- resource resolution -------------------------------------------------------------------

    /** The rows a resource path addresses: a set, a restriction on it, and whether it is one entity. */
    private record Target(Catalog.Set set, Function<String, Sql> restriction, QualifiedName cast, boolean single,
                          boolean countOnly, boolean empty) {
    }

    private Target resolve(ResourcePath path) throws SQLException {
        List<ResourcePath.Segment> segments = path.segments();
        Catalog.Set set = catalog.require(path.root());
        long lid = 0;
        boolean single = set.singleton();
        Function<String, Sql> restriction = null;
        QualifiedName cast = null;
        boolean countOnly = false;
        for (int i = 1; i < segments.size(); i++) {
            ResourcePath.Segment s = segments.get(i);
            if (s instanceof ResourcePath.Key k) {
                boolean last = i == segments.size() - 1 || !(segments.get(i + 1) instanceof ResourcePath.Named);
                List<Object> values = rows.keyValues(set, k);
                if (values == null || !last) {
                    lid = values == null ? localId(set, k) : rows.lidByKey(rows.info(set), values);
                    if (lid == 0) {
                        return new Target(set, null, null, true, false, true);
                    }
                    long found = lid;
                    restriction = alias -> Sql.of(alias + ".\"$lid\" = ?", found);
                } else {
                    // the last key in the path: one query, restricted by the key columns directly
                    List<Column> columns = rows.info(set).keyColumns;
                    restriction = alias -> {
                        List<Sql> parts = new ArrayList<>();
                        for (int c = 0; c < columns.size(); c++) {
                            parts.add(Sql.of(alias + "." + Ddl.quote(columns.get(c).name()) + " = ?", values.get(c)));
                        }
                        return Sql.join(" AND ", parts);
                    };
                }
                single = true;
            } else if (s instanceof ResourcePath.Named n) {
                if (!single) {
                    throw new DataRequestException(400, "navigation '" + n.name() + "' must follow a single entity (a key"
                            + " or a single-valued navigation)");
                }
                long parent = lid > 0 ? lid : singleLid(set, restriction);
                if (parent == 0) {
                    return new Target(set, null, null, true, false, true);
                }
                NavigationProperty nav = set.model().navigationProperty(set.entityType(), n.name()).orElseThrow(() ->
                        new DataRequestException(400, "'" + path.root() + "' has no navigation property '" + n.name() + "'"));
                Relationship rel = catalog.relationship(set, nav.name());
                Catalog.Set parentSet = set;
                set = catalog.require(rel.targetSet());
                restriction = relatedTo(rel, parentSet, parent);
                single = !nav.collection();
                lid = 0;
                cast = null;
            } else if (s instanceof ResourcePath.Cast c) {
                cast = c.type();
            } else {
                countOnly = true;
            }
        }
        return new Target(set, restriction, cast, single, countOnly, false);
    }

    private long singleLid(Catalog.Set set, Function<String, Sql> restriction) throws SQLException {
        String sql = "SELECT t.\"$lid\" FROM " + Ddl.quote(set.table().table()) + " t";
        List<Object> params = new ArrayList<>();
        if (restriction != null) {
            Sql r = restriction.apply("t");
            sql += " WHERE " + r.text();
            params.addAll(r.params());
        }
        PreparedStatement p = db.prepare(sql + " LIMIT 1");
        EntityRows.bind(p, params);
        try (ResultSet rs = p.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Rows of the target set related to one parent entity through a navigation. */
    private static Function<String, Sql> relatedTo(Relationship rel, Catalog.Set parentSet, long parent) {
        return alias -> switch (rel.storage()) {
            case REFERENCE -> Sql.of(alias + ".\"$lid\" = (SELECT " + Ddl.quote(rel.column()) + " FROM "
                    + Ddl.quote(parentSet.table().table()) + " WHERE \"$lid\" = ?)", parent);
            case REVERSE_REFERENCE -> Sql.of(alias + "." + Ddl.quote(rel.column()) + " = ?", parent);
            case LINK_TABLE -> Sql.of(alias + ".\"$lid\" IN (SELECT " + Ddl.quote(rel.otherColumn()) + " FROM "
                    + Ddl.quote(rel.table()) + " WHERE " + Ddl.quote(rel.column()) + " = ?)", parent);
        };
    }

    /** The local entity ID of a {@code ($lid=n)} key, or 0 when there is no such row. */
    private long localId(Catalog.Set set, ResourcePath.Key key) throws SQLException {
        Object v = key.parts().get(0).value().value();
        if (!(v instanceof Number n)) {
            throw new DataRequestException(400, "$lid takes a number, not " + v);
        }
        return rows.typeOf(rows.info(set), n.longValue()) == null ? 0 : n.longValue();
    }

    // ---- running -------------------------------------------------------------------------------

    private QueryResult<EntityValue> run(Target target, DataQuery options, ValueFactory factory, DataQuery original)
            throws SQLException {
        SqlRenderer renderer = new SqlRenderer(catalog, rows);
        SqlRenderer.Scope scope = renderer.scope(target.set());
        List<Sql> where = new ArrayList<>();
        if (target.restriction() != null) {
            where.add(target.restriction().apply(scope.alias));
        }
        if (target.cast() != null) {
            where.add(renderer.predicate(new Expr.TypeCheck(Expr.TypeOperator.ISOF, null, target.cast()), scope));
        }
        if (options.filter() != null) {
            where.add(renderer.predicate(options.filter(), scope));
        }
        List<Sql> order = new ArrayList<>();
        for (OrderBy o : options.orderBy()) {
            SqlRenderer.Typed t = renderer.render(o.expression(), scope);
            Sql item = t.kind() == SqlRenderer.Kind.DECIMAL ? t.sql().wrap("", " COLLATE DECIMAL") : t.sql();
            order.add(o.descending() ? item.wrap("", " DESC") : item);
        }
        if (!target.single()) {
            order.add(Sql.of(scope.alias + ".\"$lid\"")); // a stable order, so that pages never overlap
        }
        Sql whereSql = where.isEmpty() ? null : Sql.join(" AND ", where);
        Long count = null;
        if (options.count() || target.countOnly()) {
            count = count(scope, whereSql);
        }
        if (target.countOnly()) {
            return new QueryResult<>(List.of(), count, null);
        }
        int skip = options.skip() == null ? 0 : options.skip();
        int already = 0;
        if (options.skipToken() != null) {
            try {
                already = Integer.parseInt(options.skipToken());
            } catch (NumberFormatException e) {
                throw new DataRequestException(400, "invalid $skiptoken '" + options.skipToken() + "'; use the next link as given");
            }
        }
        long limit = Long.MAX_VALUE;
        if (options.top() != null) {
            limit = Math.max(0, options.top() - already);
        }
        Integer pageSize = options.maxPageSize();
        long fetch = pageSize != null ? Math.min(limit, pageSize) : limit;
        List<Sql> select = new ArrayList<>();
        select.add(Sql.of(scope.alias + ".*"));
        if (!queue.isKnownEmpty()) {
            select.add(renderer.requestExists(scope, "!= 'failed'").wrap("", " AS \"$pending\""));
            select.add(renderer.requestExists(scope, "= 'failed'").wrap("", " AS \"$error\""));
        }
        relatives(options, renderer, scope, select);
        Sql sql = Sql.join(", ", select).wrap("SELECT ", " FROM " + scope.from());
        if (whereSql != null) {
            sql = sql.then(" WHERE ", whereSql);
        }
        if (!order.isEmpty()) {
            sql = sql.then(" ORDER BY ", Sql.join(", ", order));
        }
        boolean paged = pageSize != null && fetch < limit;
        long rowsToRead = fetch == Long.MAX_VALUE ? -1 : paged ? fetch + 1 : fetch;
        if (rowsToRead >= 0 || skip + already > 0) {
            sql = sql.then(" ", Sql.of("LIMIT ? OFFSET ?", rowsToRead, (long) skip + already));
        }
        List<EntityValue> entities = new ArrayList<>();
        Set<String> selected = selected(options);
        List<Long> lids = new ArrayList<>();
        PreparedStatement p = db.prepare(sql.text());
        EntityRows.bind(p, sql.params());
        TableInfo info = rows.info(target.set());
        boolean more = false;
        try (ResultSet rs = p.executeQuery()) {
            EntityReader.Row row = new EntityReader.Row(rs, db.columnIndex(sql.text(), rs));
            while (rs.next()) {
                if (paged && entities.size() == fetch) {
                    more = true;
                    break;
                }
                EntityValue entity = reader.entity(info, row, factory, selected);
                entities.add(entity);
                lids.add(EntityAccess.get().localId(entity));
            }
        }
        for (Expand e : options.expand()) {
            expand(target.set(), entities, lids, e, factory);
        }
        String nextLink = more ? original.skipToken(String.valueOf(already + entities.size())).toUrl() : null;
        return new QueryResult<>(entities, count, nextLink);
    }

    private long count(SqlRenderer.Scope scope, Sql where) throws SQLException {
        Sql sql = Sql.of("SELECT count(*) FROM " + scope.from());
        if (where != null) {
            sql = sql.then(" WHERE ", where);
        }
        PreparedStatement p = db.prepare(sql.text());
        EntityRows.bind(p, sql.params());
        try (ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Set<String> selected(DataQuery options) {
        if (options.select().isEmpty()) {
            return null;
        }
        Set<String> names = new LinkedHashSet<>();
        for (Expr.Path p : options.select()) {
            for (String s : p.segments()) {
                if (s.indexOf('.') < 0) {
                    names.add(s);
                    break;
                }
            }
        }
        return names;
    }

    /** {@code sap.computeHasLocalRelatives} and {@code sap.computeHasRelativesWithPendingChanges} (L14). */
    private void relatives(DataQuery options, SqlRenderer renderer, SqlRenderer.Scope scope, List<Sql> select) {
        String local = options.customOptions().get(DataQuery.CUSTOM_HAS_LOCAL_RELATIVES);
        String pending = options.customOptions().get(DataQuery.CUSTOM_HAS_RELATIVES_WITH_PENDING_CHANGES);
        if (local != null && !local.isBlank()) {
            select.add(anyRelative(local, renderer, scope, s -> Sql.of(s.alias + ".\"$local\" = 1"))
                    .wrap("", " AS \"$localRelatives\""));
        }
        if (pending != null && !pending.isBlank()) {
            select.add(anyRelative(pending, renderer, scope, s -> renderer.requestExists(s, "!= 'failed'"))
                    .wrap("", " AS \"$pendingRelatives\""));
        }
    }

    private static Sql anyRelative(String paths, SqlRenderer renderer, SqlRenderer.Scope scope,
                                   Function<SqlRenderer.Scope, Sql> condition) {
        List<Sql> any = new ArrayList<>();
        for (String path : paths.split(",")) {
            List<String> segments = List.of(path.trim().split("/"));
            Expr.Path p = new Expr.Path(null, segments);
            any.add(renderer.exists(p, scope, condition, p));
        }
        return Sql.join(" OR ", any).wrap("(", ")");
    }

    private void expand(Catalog.Set set, List<EntityValue> parents, List<Long> lids, Expand e, ValueFactory factory)
            throws SQLException {
        // [casts of the parent] navigation [cast of the related entities]
        List<String> all = e.navigation().segments();
        int named = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).indexOf('.') < 0) {
                if (named >= 0) {
                    named = -2;
                    break;
                }
                named = i;
            }
        }
        if (named < 0) {
            throw new DataRequestException(400, "$expand takes one navigation property per item, not '"
                    + String.join("/", all) + "'; nest a further $expand inside it");
        }
        String name = all.get(named);
        EntityType parentType = set.entityType();
        for (String cast : all.subList(0, named)) {
            parentType = derivedType(set, parentType, cast);
        }
        EntityType declaring = parentType;
        NavigationProperty nav = set.model().navigationProperty(declaring, name).orElseThrow(() ->
                new DataRequestException(400, "'" + declaring.qualifiedName().name() + "' has no navigation property '"
                        + name + "'"));
        Relationship rel = catalog.relationship(set, nav.name());
        Catalog.Set target = catalog.require(rel.targetSet());
        QualifiedName relatedCast = null;
        EntityType relatedType = target.entityType();
        for (String cast : all.subList(named + 1, all.size())) {
            relatedType = derivedType(target, relatedType, cast);
            relatedCast = relatedType.qualifiedName();
        }
        EntityAccess access = EntityAccess.get();
        for (int i = 0; i < parents.size(); i++) {
            if (!isOf(set, parents.get(i).entityType(), declaring)) {
                continue; // the navigation belongs to a derived type this parent does not have
            }
            long parent = lids.get(i);
            Target t = new Target(target, relatedTo(rel, set, parent), relatedCast, !nav.collection(), false, false);
            QueryResult<EntityValue> related = run(t, e.options(), factory, DataQuery.options());
            if (nav.collection()) {
                access.putRelated(parents.get(i), name, related.entities());
            } else {
                access.putRelated(parents.get(i), name, related.entities().isEmpty() ? null : related.entities().get(0));
            }
        }
    }

    /** The entity type a type cast segment of {@code $expand} names; it must derive from {@code from}. */
    private static EntityType derivedType(Catalog.Set set, EntityType from, String segment) {
        EntityType derived;
        try {
            derived = set.model().entityType(QualifiedName.parse(segment)).orElse(null);
        } catch (IllegalArgumentException e) {
            derived = null;
        }
        if (derived == null || !isOf(set, derived.qualifiedName(), from)) {
            throw new DataRequestException(400, "$expand casts " + from.qualifiedName() + " to '" + segment
                    + "', which is not an entity type derived from it");
        }
        return derived;
    }

    /** Whether an entity of type {@code actual} is of type {@code type} (the same or derived from it). */
    private static boolean isOf(Catalog.Set set, QualifiedName actual, EntityType type) {
        EntityType a = set.model().entityType(actual).orElse(null);
        return a != null && set.model().hierarchy(a).stream().anyMatch(t -> t.qualifiedName().equals(type.qualifiedName()));
    }
}
