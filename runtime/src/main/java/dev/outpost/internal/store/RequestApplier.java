package dev.outpost.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.DataRequestException;
import dev.outpost.EntityNotFoundException;
import dev.outpost.internal.schema.Ddl;
import dev.outpost.internal.schema.LinkTable;
import dev.outpost.internal.schema.Relationship;
import dev.outpost.model.EntityType;
import dev.outpost.model.EnumType;
import dev.outpost.model.ModelType;
import dev.outpost.model.NavigationProperty;
import dev.outpost.model.PrimitiveType;
import dev.outpost.model.Property;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.StructuredType;
import dev.outpost.model.TypeDefinition;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies one queued request to the entity tables. It is the only code that turns a request into
 * local state: the first local write and every replay (after undo or a download) run through it,
 * so local state is always the server state plus the queued requests (invariant 3). Before it
 * changes an existing entity it keeps that entity's server image.
 */
final class RequestApplier {

    /** The marker of a local entity ID in a request body. */
    static final String LID = "@outpost.lid";
    /** The marker of a (deep-inserted) entity's set in a request body. */
    static final String SET = "@outpost.set";
    private static final Pattern LID_URL = Pattern.compile("^(.+)\\(\\$lid=(\\d+)\\)$");

    /** What a request changed: the entities whose rows changed, and those it only refers to. */
    record Applied(StoredRequest request, Map<String, List<Long>> modified, Map<String, List<Long>> referenced) {
    }

    private final Catalog catalog;
    private final EntityRows rows;
    private final Links links;
    private final Database db;
    /** While true, requests are applied as server state (uploaded successfully): no server images, nothing new. */
    private boolean asServer;

    RequestApplier(Database db, Catalog catalog, EntityRows rows, Links links) {
        this.db = db;
        this.catalog = catalog;
        this.rows = rows;
        this.links = links;
    }

    /** Applies a request the back end has applied: the result is server state (no image is kept, creates are not new). */
    Applied applyAsServer(StoredRequest r) throws SQLException {
        asServer = true;
        try {
            return apply(r);
        } finally {
            asServer = false;
        }
    }

    Applied apply(StoredRequest r) throws SQLException {
        Map<String, List<Long>> modified = new LinkedHashMap<>();
        Map<String, List<Long>> referenced = new LinkedHashMap<>();
        StoredRequest out = r;
        Catalog.Set set = catalog.require(r.entitySet());
        switch (r.kind()) {
            case CREATE -> {
                ObjectNode body = r.body().deepCopy();
                long lid = create(set, body, modified, referenced, r.entitySet());
                out = r.withBody(body).withLid(lid);
            }
            case CREATE_RELATED -> {
                Catalog.Set parent = catalog.require(r.targetSet());
                ObjectNode body = r.body().deepCopy();
                long child = create(set, body, modified, referenced, r.entitySet());
                touch(links.affected(parent, r.targetLid(), r.navigation(), child), modified);
                links.link(parent, r.targetLid(), r.navigation(), child);
                add(referenced, parent.name(), r.targetLid());
                out = r.withBody(body).withLid(child);
            }
            case UPDATE -> {
                TableInfo info = rows.info(set);
                String type = requireRow(info, r.lid(), r.url());
                keepServerState(set, r.lid());
                EntityType rowType = info.rowType(type);
                rows.update(info, r.lid(), rows.columns(info, rowType, r.body(), r.url()));
                rows.markLocal(info, r.lid());
                add(modified, set.name(), r.lid());
            }
            case DELETE -> {
                TableInfo info = rows.info(set);
                requireRow(info, r.lid(), r.url());
                keepServerState(set, r.lid());
                deleteDependents(set, r.lid(), modified);
                rows.delete(info, r.lid());
                add(modified, set.name(), r.lid());
            }
            case CREATE_LINK, UPDATE_LINK -> {
                requireRow(rows.info(set), r.lid(), r.url());
                Catalog.Set target = catalog.require(r.targetSet());
                requireRow(rows.info(target), r.targetLid(), StoredRequest.lidUrl(target.name(), r.targetLid()));
                Relationship rel = links.relationship(set, r.navigation());
                if (r.kind() == StoredRequest.Kind.UPDATE_LINK || !rel.collection()) {
                    touch(links.affected(set, r.lid(), r.navigation(), 0), modified);
                    links.unlink(set, r.lid(), r.navigation(), 0);
                }
                touch(links.affected(set, r.lid(), r.navigation(), r.targetLid()), modified);
                links.link(set, r.lid(), r.navigation(), r.targetLid());
                add(referenced, target.name(), r.targetLid());
            }
            case DELETE_LINK -> {
                requireRow(rows.info(set), r.lid(), r.url());
                touch(links.affected(set, r.lid(), r.navigation(), r.targetLid()), modified);
                links.unlink(set, r.lid(), r.navigation(), r.targetLid());
                if (r.targetLid() > 0) {
                    add(referenced, r.targetSet(), r.targetLid());
                }
            }
        }
        return new Applied(out, modified, referenced);
    }

    private String requireRow(TableInfo info, long lid, String url) throws SQLException {
        String type = rows.typeOf(info, lid);
        if (type == null) {
            throw new EntityNotFoundException(url);
        }
        return type;
    }

    private void touch(List<Links.Touched> touched, Map<String, List<Long>> modified) throws SQLException {
        for (Links.Touched t : touched) {
            keepServerState(t.set(), t.lid());
            add(modified, t.set().name(), t.lid());
        }
    }

    /**
     * Deletes what cannot outlive the entity: the targets of its navigations declared
     * {@code OnDelete Action="Cascade"}, and entities whose non-nullable navigation leads to it (a
     * {@code Nullable="false"} partner: the dependent cannot exist without its principal, so the back
     * end deletes it with the principal or refuses the delete). No request is queued for them; the
     * one DELETE does it on the back end too. Undo restores them from their server images.
     */
    private void deleteDependents(Catalog.Set set, long lid, Map<String, List<Long>> modified) throws SQLException {
        for (Links.Touched dependent : links.dependents(set, lid)) {
            TableInfo info = rows.info(dependent.set());
            if (rows.typeOf(info, dependent.lid()) == null) {
                continue;
            }
            keepServerState(dependent.set(), dependent.lid());
            deleteDependents(dependent.set(), dependent.lid(), modified);
            rows.delete(info, dependent.lid());
            add(modified, dependent.set().name(), dependent.lid());
        }
    }

    /**
     * Keeps an entity's downloaded state (its row and its link-table rows) before its first local
     * change; entities created locally have none.
     */
    void keepServerState(Catalog.Set set, long lid) throws SQLException {
        if (asServer) {
            return;
        }
        TableInfo info = rows.info(set);
        if (rows.hasServerImage(info, lid) || rows.isNew(info, lid) || rows.typeOf(info, lid) == null) {
            return;
        }
        rows.keepServerImage(info, lid);
        for (LinkTable l : catalog.schema().linkTables()) {
            if (l.sourceSet().equals(set.name())) {
                copyLinks(l, "source$lid", lid);
            }
            if (l.targetSet().equals(set.name())) {
                copyLinks(l, "target$lid", lid);
            }
        }
    }

    private void copyLinks(LinkTable l, String column, long lid) throws SQLException {
        PreparedStatement p = db.prepare("INSERT OR IGNORE INTO " + Ddl.quote("$server." + l.table()) + " SELECT * FROM "
                + Ddl.quote(l.table()) + " WHERE " + Ddl.quote(column) + " = ?");
        p.setLong(1, lid);
        p.executeUpdate();
    }

    /** Creates an entity from its JSON, with its bindings and deep-inserted relatives; returns its local ID. */
    private long create(Catalog.Set set, ObjectNode body, Map<String, List<Long>> modified,
                        Map<String, List<Long>> referenced, String where) throws SQLException {
        TableInfo info = rows.info(set);
        EntityType type = entityType(set, body, where);
        Map<String, Object> values = new LinkedHashMap<>(defaults(info, type, body));
        values.putAll(rows.columns(info, type, body, where));
        long lid = body.has(LID) ? body.get(LID).asLong() : 0;
        lid = rows.insert(info, lid, type.qualifiedName().toString(), null, !asServer, true, values);
        body.put(LID, lid);
        body.put(SET, set.name());
        add(modified, set.name(), lid);
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        for (String field : fields) {
            JsonNode value = body.get(field);
            if (field.endsWith("@odata.bind")) {
                String navigation = field.substring(0, field.length() - "@odata.bind".length());
                EntityRows.navigation(info, type, navigation, where);
                for (JsonNode target : value.isArray() ? value : List.of(value)) {
                    Target t = target(target.asText(), where + "/" + field);
                    touch(links.affected(set, lid, navigation, t.lid()), modified);
                    links.link(set, lid, navigation, t.lid());
                    add(referenced, t.set(), t.lid());
                }
            } else if (field.indexOf('@') < 0 && info.model.navigationProperty(type, field).isPresent()) {
                NavigationProperty nav = info.model.navigationProperty(type, field).get();
                Relationship rel = links.relationship(set, nav.name());
                Catalog.Set targetSet = catalog.require(rel.targetSet());
                List<JsonNode> children = new ArrayList<>();
                if (value.isArray()) {
                    value.forEach(children::add);
                } else if (value.isObject()) {
                    children.add(value);
                } else {
                    throw ValueCodec.bad(where + "/" + field, "a deep insert needs a JSON object or array");
                }
                for (JsonNode child : children) {
                    long childLid = create(targetSet, (ObjectNode) child, modified, referenced, where + "/" + field);
                    links.link(set, lid, nav.name(), childLid);
                }
            }
        }
        return lid;
    }

    private EntityType entityType(Catalog.Set set, ObjectNode body, String where) {
        JsonNode t = body.get("@odata.type");
        if (t == null) {
            return set.entityType();
        }
        QualifiedName name = QualifiedName.parse(t.asText().replaceFirst("^#", ""));
        EntityType type = set.model().entityType(name).orElseThrow(() -> ValueCodec.bad(where,
                "unknown entity type " + name));
        if (!set.model().hierarchy(type).contains(set.entityType())) {
            throw ValueCodec.bad(where, name + " is not the type of '" + set.name() + "' (" + set.entityType()
                    .qualifiedName() + ") or derived from it");
        }
        if (type.isAbstract()) {
            throw ValueCodec.bad(where, name + " is abstract; create an entity of a derived type");
        }
        return type;
    }

    /** Column values of the CSDL {@code DefaultValue}s of properties the body does not set. */
    private Map<String, Object> defaults(TableInfo info, EntityType type, ObjectNode body) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Default d : defaults.computeIfAbsent(info.quoted + "\n" + type.qualifiedName(), k -> defaults(info, type))) {
            if (!body.has(d.property)) {
                values.putAll(d.columns);
            }
        }
        return values;
    }

    /** A property's default, as the column values it sets. */
    private record Default(String property, Map<String, Object> columns) {
    }

    /** The defaults of an entity type's properties, worked out once per type (the model does not change). */
    private final Map<String, List<Default>> defaults = new java.util.HashMap<>();

    private List<Default> defaults(TableInfo info, EntityType type) {
        List<Default> out = new ArrayList<>();
        for (StructuredType t : info.model.hierarchy(type)) {
            for (Property p : t.declaredProperties()) {
                if (p.defaultValue() == null || p.type().collection()) {
                    continue;
                }
                ValueType vt = info.types.get(List.of(p.name()));
                var column = info.byPath.get(List.of(p.name()));
                if (vt == null || column == null) {
                    continue;
                }
                try {
                    Object javaValue = defaultValue(info, p);
                    Map<String, Object> columns = new LinkedHashMap<>();
                    columns.put(column.name(), rows.codec().toSql(vt, javaValue, p.name()));
                    if (javaValue instanceof java.time.OffsetDateTime) {
                        columns.put(column.name() + "$offset", ValueCodec.offsetMinutes(javaValue));
                    }
                    out.add(new Default(p.name(), columns));
                } catch (DataRequestException | IllegalArgumentException e) {
                    // an unreadable DefaultValue in the metadata leaves the property empty, as a service would
                }
            }
        }
        return List.copyOf(out);
    }

    private Object defaultValue(TableInfo info, Property p) {
        ModelType t = info.model.resolve(p.type().name());
        String text = p.defaultValue();
        if (t instanceof EnumType e) {
            String member = text.contains("'") ? text.substring(text.indexOf('\'') + 1, text.lastIndexOf('\'')) : text;
            rows.codec().enumValue(e, member, p.name());
            return member;
        }
        PrimitiveType primitive = t instanceof PrimitiveType pt ? pt : t instanceof TypeDefinition d ? d.underlyingType() : null;
        if (primitive == null) {
            throw new IllegalArgumentException("no default for " + t);
        }
        return rows.codec().scalar(primitive, text, null, p.name());
    }

    /** An entity referred to by its local URL {@code Set($lid=n)}. */
    record Target(String set, long lid) {
    }

    static Target target(String url, String where) {
        Matcher m = LID_URL.matcher(url);
        if (!m.matches()) {
            throw ValueCodec.bad(where, "'" + url + "' is not a local entity reference");
        }
        return new Target(m.group(1), Long.parseLong(m.group(2)));
    }

    /** Whether a create body holds the entity as a deep-inserted relative, at any depth. */
    static boolean nests(JsonNode body, String set, long lid) {
        for (JsonNode v : body) {
            for (JsonNode child : v.isArray() ? v : List.of(v)) {
                if (child.isObject() && child.has(LID) && (isEntity(child, set, lid) || nests(child, set, lid))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isEntity(JsonNode body, String set, long lid) {
        return body.get(LID).asLong() == lid && set.equals(body.path(SET).asText());
    }

    private static void add(Map<String, List<Long>> into, String set, long lid) {
        List<Long> list = into.computeIfAbsent(set, k -> new ArrayList<>());
        if (!list.contains(lid)) {
            list.add(lid);
        }
    }

    /** Removes deep-insert children and bindings that refer to an entity from a create body (undo). */
    static boolean scrub(ObjectNode body, String set, long lid) {
        boolean changed = false;
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        String url = StoredRequest.lidUrl(set, lid);
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode v = f.getValue();
            if (f.getKey().endsWith("@odata.bind")) {
                if (v.isTextual() && v.asText().equals(url)) {
                    fields.remove();
                    changed = true;
                } else if (v.isArray()) {
                    for (Iterator<JsonNode> it = v.elements(); it.hasNext(); ) {
                        if (it.next().asText().equals(url)) {
                            it.remove();
                            changed = true;
                        }
                    }
                }
            } else if (v.isObject() && v.has(LID)) {
                if (isEntity(v, set, lid)) {
                    fields.remove();
                    changed = true;
                } else {
                    changed |= scrub((ObjectNode) v, set, lid);
                }
            } else if (v.isArray()) {
                for (Iterator<JsonNode> it = v.elements(); it.hasNext(); ) {
                    JsonNode child = it.next();
                    if (child.isObject() && child.has(LID)) {
                        if (isEntity(child, set, lid)) {
                            it.remove();
                            changed = true;
                        } else {
                            changed |= scrub((ObjectNode) child, set, lid);
                        }
                    }
                }
            }
        }
        return changed;
    }
}
