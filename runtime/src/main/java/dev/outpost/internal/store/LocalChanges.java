package dev.outpost.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.DataRequestException;
import dev.outpost.EntityValue;
import dev.outpost.RequestOptions;
import dev.outpost.internal.EntityAccess;
import dev.outpost.internal.schema.Relationship;
import dev.outpost.model.Annotations;
import dev.outpost.model.EntityType;
import dev.outpost.model.Facets;
import dev.outpost.model.NavigationProperty;
import dev.outpost.model.Property;
import dev.outpost.model.PropertyRef;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.StructuredType;
import dev.outpost.model.Terms;
import dev.outpost.spi.Change;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Turns the data service's changes into queued requests: validates each against the model
 * (refusing bad input with a 400 that names the property), builds the OData request, applies it
 * through the {@link RequestApplier} and appends it to the queue, all in one transaction
 * (invariant 2, L15). The caller's entity objects are updated only after the commit.
 */
final class LocalChanges {

    /** An entity the changes refer to. */
    record Ref(String set, long lid) {
        String url() {
            return StoredRequest.lidUrl(set, lid);
        }
    }

    private final Database db;
    private final Catalog catalog;
    private final EntityRows rows;
    private final RequestQueue queue;
    private final RequestApplier applier;

    LocalChanges(Database db, Catalog catalog, EntityRows rows, RequestQueue queue, RequestApplier applier) {
        this.db = db;
        this.catalog = catalog;
        this.rows = rows;
        this.queue = queue;
        this.applier = applier;
    }

    void apply(List<Change> changes, boolean asChangeSet) {
        List<Runnable> afterCommit = new ArrayList<>();
        db.write(c -> {
            Long changeSet = asChangeSet ? queue.nextChangeSet() : null;
            int contentId = 0;
            Map<EntityValue, Ref> created = new IdentityHashMap<>();
            for (Change change : changes) {
                String cid = asChangeSet ? String.valueOf(++contentId) : null;
                Built built = build(change, changeSet, cid, created);
                if (built == null) {
                    continue;
                }
                RequestApplier.Applied applied = applier.apply(built.request);
                queue.append(applied.request(), applied.modified(), applied.referenced());
                afterCommit.add(after(change, applied.request(), built, created));
            }
            return null;
        });
        afterCommit.forEach(Runnable::run);
    }

    private record Built(StoredRequest request, List<EntityValue> createdEntities) {
    }

    private Built build(Change change, Long changeSet, String contentId, Map<EntityValue, Ref> created) throws SQLException {
        RequestOptions o = change.options() == null ? RequestOptions.defaults() : change.options();
        if (change instanceof Change.Create cr) {
            Catalog.Set set = setFor(cr.entity(), cr.entitySet());
            checkWritable(set, Terms.CAPABILITIES_INSERT_RESTRICTIONS, "Insertable", "create");
            List<EntityValue> entities = new ArrayList<>();
            ObjectNode body = createBody(set, cr.entity(), created, entities, set.name());
            return new Built(request(StoredRequest.Kind.CREATE, "POST", set.name(), set.name(), 0, null, null, 0, body,
                    null, null, changeSet, contentId, o), entities);
        }
        if (change instanceof Change.CreateRelated cr) {
            Ref parent = ref(cr.parent(), created, "the parent");
            Catalog.Set parentSet = catalog.require(parent.set());
            NavigationProperty nav = navigation(parentSet, cr.navigation());
            Relationship rel = catalog.relationship(parentSet, nav.name());
            Catalog.Set set = catalog.require(rel.targetSet());
            checkWritable(set, Terms.CAPABILITIES_INSERT_RESTRICTIONS, "Insertable", "create");
            List<EntityValue> entities = new ArrayList<>();
            ObjectNode body = createBody(set, cr.entity(), created, entities, parent.url() + "/" + nav.name());
            return new Built(request(StoredRequest.Kind.CREATE_RELATED, "POST", parent.url() + "/" + nav.name(), set.name(),
                    0, nav.name(), parent.set(), parent.lid(), body, null, null, changeSet, contentId, o), entities);
        }
        if (change instanceof Change.Update u) {
            Ref ref = ref(u.entity(), created, "the entity");
            Catalog.Set set = catalog.require(ref.set());
            checkWritable(set, Terms.CAPABILITIES_UPDATE_RESTRICTIONS, "Updatable", "update");
            TableInfo info = rows.info(set);
            EntityType type = info.rowType(existing(info, ref));
            ObjectNode body = ValueCodec.NODES.objectNode();
            for (String name : u.entity().changedProperties()) {
                Property p = property(info, type, name, ref.url());
                checkUpdatable(info, p, ref.url());
                JsonNode json = json(info, p, u.entity().getValue(name), ref.url() + "/" + name);
                body.set(name, json);
            }
            if (body.isEmpty() && !o.isSendEmptyUpdate()) {
                return null; // L4: an update that changes nothing is not queued
            }
            ObjectNode base = currentValues(info, ref.lid(), body);
            return new Built(request(StoredRequest.Kind.UPDATE, "PATCH", ref.url(), set.name(), ref.lid(), null, null, 0,
                    body, rows.serverETag(info, ref.lid()), base, changeSet, contentId, o), List.of());
        }
        if (change instanceof Change.Delete d) {
            Ref ref = ref(d.entity(), created, "the entity");
            Catalog.Set set = catalog.require(ref.set());
            checkWritable(set, Terms.CAPABILITIES_DELETE_RESTRICTIONS, "Deletable", "delete");
            TableInfo info = rows.info(set);
            existing(info, ref);
            return new Built(request(StoredRequest.Kind.DELETE, "DELETE", ref.url(), set.name(), ref.lid(), null, null, 0,
                    null, rows.serverETag(info, ref.lid()), null, changeSet, contentId, o), List.of());
        }
        return buildLink(change, changeSet, contentId, created, o);
    }

    private Built buildLink(Change change, Long changeSet, String contentId, Map<EntityValue, Ref> created,
                            RequestOptions o) throws SQLException {
        EntityValue sourceEntity;
        String navigation;
        EntityValue targetEntity;
        StoredRequest.Kind kind;
        if (change instanceof Change.CreateLink l) {
            sourceEntity = l.source();
            navigation = l.navigation();
            targetEntity = l.target();
            kind = StoredRequest.Kind.CREATE_LINK;
        } else if (change instanceof Change.UpdateLink l) {
            sourceEntity = l.source();
            navigation = l.navigation();
            targetEntity = l.target();
            kind = StoredRequest.Kind.UPDATE_LINK;
        } else {
            Change.DeleteLink l = (Change.DeleteLink) change;
            sourceEntity = l.source();
            navigation = l.navigation();
            targetEntity = l.target();
            kind = StoredRequest.Kind.DELETE_LINK;
        }
        Ref source = ref(sourceEntity, created, "the source entity");
        Catalog.Set sourceSet = catalog.require(source.set());
        existing(rows.info(sourceSet), source);
        NavigationProperty nav = navigation(sourceSet, navigation);
        Relationship rel = catalog.relationship(sourceSet, nav.name());
        if (kind == StoredRequest.Kind.UPDATE_LINK && nav.collection()) {
            throw new DataRequestException(400, "updateLink replaces the target of a single-valued (0..1) navigation, but '"
                    + nav.name() + "' is a collection; use createLink and deleteLink");
        }
        Ref target = null;
        if (targetEntity != null) {
            target = ref(targetEntity, created, "the target entity");
            if (!target.set().equals(rel.targetSet())) {
                throw new DataRequestException(400, "'" + nav.name() + "' of '" + sourceSet.name() + "' leads to '"
                        + rel.targetSet() + "', but the target is in '" + target.set() + "'");
            }
            existing(rows.info(catalog.require(target.set())), target);
        } else if (kind != StoredRequest.Kind.DELETE_LINK || nav.collection()) {
            throw new DataRequestException(400, "the target entity is missing for '" + nav.name() + "'");
        }
        String refUrl = source.url() + "/" + nav.name() + "/$ref";
        ObjectNode body = null;
        String method;
        String url = refUrl;
        if (kind == StoredRequest.Kind.DELETE_LINK) {
            method = "DELETE";
            if (nav.collection()) {
                url = refUrl + "?$id=" + target.url();
            }
        } else {
            method = nav.collection() ? "POST" : "PUT";
            body = ValueCodec.NODES.objectNode();
            body.put("@odata.id", target.url());
        }
        return new Built(request(kind, method, url, source.set(), source.lid(), nav.name(),
                target == null ? rel.targetSet() : target.set(), target == null ? 0 : target.lid(), body, null, null,
                changeSet, contentId, o), List.of());
    }

    private StoredRequest request(StoredRequest.Kind kind, String method, String url, String set, long lid,
                                  String navigation, String targetSet, long targetLid, ObjectNode body, String ifMatch,
                                  ObjectNode base, Long changeSet, String contentId, RequestOptions o) {
        return new StoredRequest(0, UUID.randomUUID().toString(), kind, method, url, set, lid, navigation, targetSet,
                targetLid, o.headers(), body, ifMatch, base, changeSet, contentId, o.transactionId(), o.uploadCategory(),
                o.customTag(), o.isUnmodifiable(), o.isRemoveCreatedEntityAfterUpload(), "pending", null,
                ValueCodec.instantText(OffsetDateTime.now(ZoneOffset.UTC)));
    }

    // ---- create bodies -------------------------------------------------------------------------

    private ObjectNode createBody(Catalog.Set set, EntityValue entity, Map<EntityValue, Ref> created,
                                  List<EntityValue> entities, String where) throws SQLException {
        if (created.containsKey(entity) || EntityAccess.get().localId(entity) > 0) {
            throw new DataRequestException(400, where + ": the entity was created already (" + entity.readLink()
                    + "); create a new entity object");
        }
        TableInfo info = rows.info(set);
        EntityType type = info.model.entityType(entity.entityType()).orElseThrow(() -> new DataRequestException(400,
                where + ": unknown entity type " + entity.entityType()));
        if (!info.model.hierarchy(type).contains(set.entityType())) {
            throw new DataRequestException(400, where + ": a " + type.qualifiedName() + " cannot be created in '"
                    + set.name() + "', whose type is " + set.entityType().qualifiedName());
        }
        ObjectNode body = ValueCodec.NODES.objectNode();
        if (!type.equals(set.entityType())) {
            body.put("@odata.type", "#" + type.qualifiedName());
        }
        List<String> keyNames = info.model.key(type).stream().map(PropertyRef::path).toList();
        for (String name : entity.names()) {
            Property p = property(info, type, name, where);
            if (p.isComputed() && !(keyNames.contains(name) && entity.getValue(name) == null)) {
                throw new DataRequestException(400, where + "/" + name + ": '" + name + "' is computed by the service;"
                        + " leave it unset");
            }
            body.set(name, json(info, p, entity.getValue(name), where + "/" + name));
        }
        for (StructuredType t : info.model.hierarchy(type)) {
            for (Property p : t.declaredProperties()) {
                boolean required = !p.nullable() && p.defaultValue() == null && !p.isComputed() && !p.type().collection()
                        && !p.annotations().has(Terms.CORE_COMPUTED_DEFAULT_VALUE) && !keyNames.contains(p.name());
                if (required && (!entity.has(p.name()) || entity.getValue(p.name()) == null)) {
                    throw new DataRequestException(400, where + "/" + p.name() + ": '" + p.name() + "' is required"
                            + " (Nullable=false); set it before creating the entity");
                }
            }
        }
        entities.add(entity);
        for (Map.Entry<String, List<EntityValue>> b : EntityAccess.get().bindings(entity).entrySet()) {
            NavigationProperty nav = navigation(set, b.getKey());
            Relationship rel = catalog.relationship(set, nav.name());
            if (!nav.collection() && b.getValue().size() > 1) {
                throw new DataRequestException(400, where + ": '" + nav.name() + "' is single-valued; bind one entity");
            }
            ArrayNode urls = ValueCodec.NODES.arrayNode();
            for (EntityValue target : b.getValue()) {
                Ref t = ref(target, created, "the bound entity");
                if (!t.set().equals(rel.targetSet())) {
                    throw new DataRequestException(400, where + ": '" + nav.name() + "' leads to '" + rel.targetSet()
                            + "', not to '" + t.set() + "'");
                }
                existing(rows.info(catalog.require(t.set())), t);
                urls.add(t.url());
            }
            body.set(nav.name() + "@odata.bind", nav.collection() ? urls : urls.get(0));
        }
        for (String navigation : entity.relatedNames()) {
            NavigationProperty nav = navigation(set, navigation);
            Relationship rel = catalog.relationship(set, nav.name());
            Catalog.Set targetSet = catalog.require(rel.targetSet());
            if (nav.collection()) {
                ArrayNode children = ValueCodec.NODES.arrayNode();
                for (EntityValue child : entity.getRelatedList(navigation)) {
                    children.add(createBody(targetSet, child, created, entities, where + "/" + navigation));
                }
                body.set(navigation, children);
            } else {
                EntityValue child = entity.getRelated(navigation);
                if (child != null) {
                    body.set(navigation, createBody(targetSet, child, created, entities, where + "/" + navigation));
                }
            }
        }
        return body;
    }

    private JsonNode json(TableInfo info, Property p, Object value, String where) {
        ValueType type = info.types.get(List.of(p.name()));
        if (value == null && !p.nullable()) {
            throw new DataRequestException(400, where + ": '" + p.name() + "' must not be null (Nullable=false)");
        }
        checkFacets(p, value, where);
        return rows.codec().toJson(type, value, where);
    }

    private static void checkFacets(Property p, Object value, String where) {
        Facets f = p.facets();
        if (value instanceof String s && f.hasBoundedLength()) {
            int length = s.codePointCount(0, s.length());
            if (length > f.maxLength()) {
                throw new DataRequestException(400, where + ": " + length + " characters exceed MaxLength " + f.maxLength()
                        + " of '" + p.name() + "'; shorten the value");
            }
        }
        if (value instanceof byte[] b && f.hasBoundedLength() && b.length > f.maxLength()) {
            throw new DataRequestException(400, where + ": " + b.length + " bytes exceed MaxLength " + f.maxLength()
                    + " of '" + p.name() + "'");
        }
        Integer nanos = value instanceof java.time.OffsetDateTime t ? Integer.valueOf(t.getNano())
                : value instanceof java.time.Duration d ? Integer.valueOf(d.getNano())
                : value instanceof java.time.LocalTime t ? Integer.valueOf(t.getNano()) : null;
        if (nanos != null && f.precision() != null && fractionDigits(nanos) > f.precision()) {
            // the back end would refuse (or silently cut) it at upload; say so now, while the user can fix it
            throw new DataRequestException(400, where + ": " + value + " has " + fractionDigits(nanos)
                    + " fractional-second digits, more than the Precision " + f.precision() + " of '" + p.name()
                    + "'; truncate it");
        }
        if (value instanceof BigDecimal d) {
            if (f.scale() != null && d.stripTrailingZeros().scale() > f.scale()) {
                throw new DataRequestException(400, where + ": " + d.toPlainString() + " has more than " + f.scale()
                        + " fraction digits (Scale of '" + p.name() + "'); round it");
            }
            if (f.precision() != null) {
                BigDecimal stripped = d.stripTrailingZeros();
                int integerDigits = Math.max(stripped.precision() - stripped.scale(), 0);
                int allowed = f.precision() - (f.scale() == null ? 0 : f.scale());
                if (integerDigits > allowed) {
                    throw new DataRequestException(400, where + ": " + d.toPlainString() + " has more than " + allowed
                            + " integer digits (Precision " + f.precision() + ", Scale " + f.scale() + " of '" + p.name() + "')");
                }
            }
        }
    }

    /** How many fractional-second digits a nanosecond field needs (0 to 9). */
    private static int fractionDigits(int nanos) {
        if (nanos == 0) {
            return 0;
        }
        int digits = 9;
        while (nanos % 10 == 0) {
            nanos /= 10;
            digits--;
        }
        return digits;
    }

    private static Property property(TableInfo info, EntityType type, String name, String where) {
        return info.model.property(type, name).orElseThrow(() -> new DataRequestException(400, where + ": '"
                + type.qualifiedName().name() + "' has no property '" + name + "'"
                + (info.model.navigationProperty(type, name).isPresent()
                ? "; it is a navigation property: use createLink, bindEntity or setRelated" : "")));
    }

    private static void checkUpdatable(TableInfo info, Property p, String where) {
        if (p.isComputed()) {
            throw new DataRequestException(400, where + "/" + p.name() + ": '" + p.name() + "' is computed by the"
                    + " service and cannot be changed");
        }
        if (p.isImmutable()) {
            throw new DataRequestException(400, where + "/" + p.name() + ": '" + p.name() + "' is immutable"
                    + " (Core.Immutable); it can be set only when the entity is created");
        }
        if (info.key.stream().anyMatch(k -> k.path().equals(p.name()))) {
            throw new DataRequestException(400, where + "/" + p.name() + ": '" + p.name() + "' is part of the key,"
                    + " which cannot change; create a new entity instead");
        }
    }

    private ObjectNode currentValues(TableInfo info, long lid, ObjectNode changed) throws SQLException {
        ObjectNode base = ValueCodec.NODES.objectNode();
        EntityReader reader = new EntityReader(rows, db);
        Map<String, Object> values = reader.propertyValues(info, lid);
        changed.fieldNames().forEachRemaining(name -> base.set(name,
                rows.codec().toJson(info.types.get(List.of(name)), values.get(name), name)));
        return base;
    }

    // ---- references ----------------------------------------------------------------------------

    private Catalog.Set setFor(EntityValue entity, String named) {
        String name = named != null ? named : entity.entitySet();
        if (name != null) {
            Catalog.Set set = catalog.require(name);
            if (set.system()) {
                throw new DataRequestException(405, "'" + set.name() + "' is a read-only system entity set");
            }
            return set;
        }
        List<String> candidates = setsHolding.computeIfAbsent(entity.entityType(), this::setsHolding);
        if (candidates.size() != 1) {
            throw new DataRequestException(400, "cannot tell the entity set of a " + entity.entityType().name()
                    + (candidates.isEmpty() ? ": no entity set holds that type" : ": " + candidates + " all hold it")
                    + "; pass the entity set name");
        }
        return catalog.require(candidates.get(0));
    }

    /** The entity sets an entity type can be created in, by type (asked on every create without a set). */
    private final Map<QualifiedName, List<String>> setsHolding = new java.util.HashMap<>();

    private List<String> setsHolding(QualifiedName type) {
        List<String> candidates = new ArrayList<>();
        for (String set : catalog.names()) {
            catalog.find(set).filter(s -> !s.system() && !s.singleton())
                    .filter(s -> s.model().hierarchy(s.model().entityType(type).orElse(s.entityType()))
                            .contains(s.entityType()))
                    .ifPresent(s -> candidates.add(s.name()));
        }
        return List.copyOf(candidates);
    }

    private Ref ref(EntityValue entity, Map<EntityValue, Ref> created, String what) throws SQLException {
        if (entity == null) {
            throw new DataRequestException(400, what + " is missing");
        }
        Ref r = created.get(entity);
        if (r != null) {
            return r;
        }
        long lid = EntityAccess.get().localId(entity);
        String set = entity.entitySet();
        if (lid > 0 && set != null) {
            return new Ref(set, lid);
        }
        if (set != null) {
            Catalog.Set s = catalog.require(set);
            TableInfo info = rows.info(s);
            List<Object> key = new ArrayList<>();
            for (PropertyRef k : info.key) {
                Object v = entity.getValue(k.path());
                if (v == null) {
                    key = null;
                    break;
                }
                ValueType type = info.types.get(List.of(k.path().split("/")));
                key.add(rows.codec().toSql(type, v, k.path()));
            }
            long found = key == null ? 0 : rows.lidByKey(info, key);
            if (found > 0) {
                return new Ref(set, found);
            }
        }
        throw new DataRequestException(400, what + " (" + entity.entityType().name() + ") is not in the store: read it"
                + " from the store or create it first");
    }

    private String existing(TableInfo info, Ref ref) throws SQLException {
        String type = rows.typeOf(info, ref.lid());
        if (type == null) {
            throw new dev.outpost.EntityNotFoundException(ref.url());
        }
        return type;
    }

    private static NavigationProperty navigation(Catalog.Set set, String name) {
        return set.model().navigationProperty(set.entityType(), name)
                .or(() -> derivedNavigation(set, name))
                .orElseThrow(() -> new DataRequestException(400, "'" + set.entityType().qualifiedName().name()
                        + "' has no navigation property '" + name + "'"));
    }

    private static java.util.Optional<NavigationProperty> derivedNavigation(Catalog.Set set, String name) {
        for (StructuredType d : set.model().derivedTypes(set.entityType())) {
            java.util.Optional<NavigationProperty> n = d.declaredNavigationProperty(name);
            if (n.isPresent()) {
                return n;
            }
        }
        return java.util.Optional.empty();
    }

    private static void checkWritable(Catalog.Set set, QualifiedName restriction, String flag, String what) {
        if (set.system()) {
            throw new DataRequestException(405, "'" + set.name() + "' is a read-only system entity set; it cannot " + what);
        }
        if (set.singleton() && !what.equals("update")) {
            throw new DataRequestException(405, "'" + set.name() + "' is a singleton: it can be read and updated, not " + what + "d");
        }
        Annotations a = set.model().entitySet(set.name()).map(s -> s.annotations()).orElse(Annotations.NONE);
        a.record(restriction).flatMap(r -> r.get(flag)).ifPresent(v -> {
            if (Annotations.isFalse(v)) {
                throw new DataRequestException(405, "the service does not allow to " + what + " entities of '"
                        + set.name() + "' (" + restriction.name() + "/" + flag + "=false); the store refuses it locally"
                        + " instead of letting the upload fail");
            }
        });
    }

    // ---- after commit --------------------------------------------------------------------------

    private Runnable after(Change change, StoredRequest request, Built built, Map<EntityValue, Ref> created) {
        List<EntityValue> createdEntities = built.createdEntities();
        if (!createdEntities.isEmpty()) {
            List<Ref> refs = new ArrayList<>();
            collect(request.body(), refs);
            for (int i = 0; i < createdEntities.size() && i < refs.size(); i++) {
                created.put(createdEntities.get(i), refs.get(i));
            }
        }
        Map<EntityValue, Ref> mine = new LinkedHashMap<>();
        for (EntityValue e : createdEntities) {
            mine.put(e, created.get(e));
        }
        return () -> {
            EntityAccess access = EntityAccess.get();
            for (Map.Entry<EntityValue, Ref> e : mine.entrySet()) {
                Ref r = e.getValue();
                access.setEntitySet(e.getKey(), r.set());
                access.setLocalId(e.getKey(), r.lid());
                access.setLinks(e.getKey(), r.url(), r.url());
                access.setLocalState(e.getKey(), true, true, true, false);
                access.clearChanges(e.getKey());
            }
            if (change instanceof Change.Update u) {
                access.setLocalState(u.entity(), u.entity().isNew(), true, true, u.entity().inErrorState());
                access.clearChanges(u.entity());
            }
        };
    }

    /** The created entities of a create body in the order {@link #createBody} visited them. */
    private static void collect(JsonNode body, List<Ref> into) {
        if (body == null || !body.has(RequestApplier.LID)) {
            return;
        }
        into.add(new Ref(body.get(RequestApplier.SET).asText(), body.get(RequestApplier.LID).asLong()));
        body.fields().forEachRemaining(f -> {
            JsonNode v = f.getValue();
            if (v.isObject() && v.has(RequestApplier.LID)) {
                collect(v, into);
            } else if (v.isArray()) {
                v.forEach(child -> collect(child, into));
            }
        });
    }
}
