package dev.outpost;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.internal.store.ValueCodec;
import dev.outpost.model.EntityType;
import dev.outpost.model.NavigationProperty;
import dev.outpost.model.Property;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.ServiceModel;

import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;

/**
 * Entities as OData JSON (the format the back end speaks), for tools and for applications that
 * pass entities on: {@link #write} adds the readLink, the ETag and Outpost's local state as
 * annotations ({@code @outpost.isLocal}, ...); {@link #read} turns a JSON object into an entity.
 */
public final class ODataJson {

    private ODataJson() {
    }

    /** The entity as a JSON object, with expanded navigations nested. */
    public static String write(ServiceModel model, EntityValue entity) {
        return node(new ValueCodec(model), model, entity).toString();
    }

    /** Several entities as {@code {"value":[...]}} with the count and next link when known. */
    public static String write(ServiceModel model, QueryResult<? extends EntityValue> result) {
        ValueCodec codec = new ValueCodec(model);
        ObjectNode o = ValueCodec.JSON.createObjectNode();
        if (result.count() != null) {
            o.put("@odata.count", result.count());
        }
        ArrayNode values = o.putArray("value");
        for (EntityValue e : result.entities()) {
            values.add(node(codec, model, e));
        }
        if (result.nextLink() != null) {
            o.put("@odata.nextLink", result.nextLink());
        }
        return o.toString();
    }

    private static ObjectNode node(ValueCodec codec, ServiceModel model, EntityValue entity) {
        ObjectNode o = ValueCodec.JSON.createObjectNode();
        if (entity.readLink() != null) {
            o.put("@odata.readLink", entity.readLink());
        }
        if (entity.etag() != null) {
            o.put("@odata.etag", entity.etag());
        }
        EntityType type = model.entityType(entity.entityType()).orElse(null);
        for (String name : entity.names()) {
            Property p = type == null ? null : model.property(type, name).orElse(null);
            Object value = entity.getValue(name);
            o.set(name, p != null ? codec.propertyJson(p, value, name) : plain(value));
        }
        for (String name : entity.relatedNames()) {
            if (entity.getRelated(name) != null) {
                o.set(name, node(codec, model, entity.getRelated(name)));
            } else if (!entity.getRelatedList(name).isEmpty() || type == null
                    || model.navigationProperty(type, name).map(NavigationProperty::collection).orElse(false)) {
                ArrayNode list = o.putArray(name);
                entity.getRelatedList(name).forEach(r -> list.add(node(codec, model, r)));
            } else {
                o.putNull(name);
            }
        }
        if (entity.readLink() != null && type != null) {
            o.put("@outpost.isNew", entity.isNew());
            o.put("@outpost.isLocal", entity.isLocal());
            o.put("@outpost.hasPendingChanges", entity.hasPendingChanges());
            o.put("@outpost.inErrorState", entity.inErrorState());
        }
        return o;
    }

    private static JsonNode plain(Object value) {
        if (value == null) {
            return ValueCodec.JSON.nullNode();
        }
        if (value instanceof Boolean b) {
            return ValueCodec.JSON.getNodeFactory().booleanNode(b);
        }
        if (value instanceof Number n && !(value instanceof java.math.BigDecimal)) {
            return ValueCodec.JSON.getNodeFactory().numberNode(n.longValue());
        }
        return ValueCodec.JSON.getNodeFactory().textNode(value instanceof java.time.OffsetDateTime t
                ? dev.outpost.internal.url.LiteralFormat.dateTimeOffset(t) : value.toString());
    }

    /**
     * A new entity of an entity set from a JSON object: its properties, {@code @odata.type} for a
     * derived type, nested objects as deep inserts, and {@code Nav@odata.bind} readLinks resolved
     * by {@code resolve} (for example a data service's {@code loadEntity}).
     *
     * @throws DataRequestException (400) naming the property that does not fit the model
     */
    public static EntityValue read(ServiceModel model, String entitySet, String json,
                                   Function<String, EntityValue> resolve) {
        EntityType setType = model.entitySet(entitySet).flatMap(s -> model.entityType(s.entityType()))
                .orElseThrow(() -> new DataRequestException(404, "no entity set '" + entitySet + "'"));
        ObjectNode o = object(json);
        EntityType type = setType;
        if (o.hasNonNull("@odata.type")) {
            type = entityType(model, o.get("@odata.type"), entitySet);
        }
        EntityValue entity = new EntityValue(type.qualifiedName());
        fill(new ValueCodec(model), model, type, entity, o, resolve, entitySet);
        return entity;
    }

    /** The entity type an {@code @odata.type} annotation names, such as {@code #FieldService.WorkOrder}. */
    private static EntityType entityType(ServiceModel model, JsonNode annotation, String where) {
        String text = annotation.isTextual() ? annotation.textValue().replaceFirst("^#", "") : "";
        int dot = text.lastIndexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw new DataRequestException(400, where + "/@odata.type: " + annotation + " is not a qualified type name;"
                    + " write \"#Namespace.Type\"");
        }
        QualifiedName name = QualifiedName.parse(text);
        return model.entityType(name).orElseThrow(() -> new DataRequestException(400, where + "/@odata.type: the"
                + " service has no entity type " + name));
    }

    /** Sets the properties in a JSON object on an entity (marking them changed), as for an update. */
    public static void apply(ServiceModel model, EntityValue entity, String json) {
        EntityType type = model.entityType(entity.entityType()).orElseThrow(() ->
                new DataRequestException(400, "unknown type " + entity.entityType()));
        fill(new ValueCodec(model), model, type, entity, object(json), link -> {
            throw new DataRequestException(400, "an update cannot bind; use createLink");
        }, entity.entitySet());
    }

    private static void fill(ValueCodec codec, ServiceModel model, EntityType type, EntityValue entity, ObjectNode o,
                             Function<String, EntityValue> resolve, String where) {
        Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String name = f.getKey();
            if (name.endsWith("@odata.bind")) {
                String navigation = name.substring(0, name.length() - "@odata.bind".length());
                for (JsonNode link : f.getValue().isArray() ? f.getValue() : java.util.List.of(f.getValue())) {
                    entity.bindEntity(navigation, resolve.apply(link.asText()));
                }
                continue;
            }
            if (name.indexOf('@') >= 0) {
                continue;
            }
            NavigationProperty nav = model.navigationProperty(type, name).orElse(null);
            if (nav != null) {
                EntityType target = model.entityType(nav.targetType()).orElseThrow();
                JsonNode value = f.getValue();
                if (value.isArray() && nav.collection()) {
                    java.util.List<EntityValue> children = new java.util.ArrayList<>();
                    for (JsonNode child : value) {
                        children.add(nested(codec, model, target, child, resolve, where + "/" + name));
                    }
                    entity.setRelatedList(name, children);
                } else if (value.isObject() && !nav.collection()) {
                    entity.setRelated(name, nested(codec, model, target, value, resolve, where + "/" + name));
                } else if (!value.isNull()) {
                    throw new DataRequestException(400, where + "/" + name + ": the navigation property takes "
                            + (nav.collection() ? "an array of entity objects" : "an entity object") + ", not " + abbreviate(
                            value.toString()));
                }
                continue;
            }
            Property p = model.property(type, name).orElseThrow(() -> new DataRequestException(400, where + "/" + name
                    + ": '" + type.qualifiedName().name() + "' has no property '" + name + "'"));
            entity.setValue(name, codec.propertyValue(p, f.getValue(), where + "/" + name));
        }
    }

    /** A deep-inserted entity: a JSON object, possibly of a derived type. */
    private static EntityValue nested(ValueCodec codec, ServiceModel model, EntityType declared, JsonNode json,
                                      Function<String, EntityValue> resolve, String where) {
        if (!(json instanceof ObjectNode o)) {
            throw new DataRequestException(400, where + ": expected an entity object, not " + abbreviate(json.toString()));
        }
        EntityType type = o.hasNonNull("@odata.type") ? entityType(model, o.get("@odata.type"), where) : declared;
        EntityValue e = new EntityValue(type.qualifiedName());
        fill(codec, model, type, e, o, resolve, where);
        return e;
    }

    private static ObjectNode object(String json) {
        try {
            JsonNode n = ValueCodec.JSON.readTree(json);
            if (!(n instanceof ObjectNode o)) {
                throw new DataRequestException(400, "expected a JSON object, not: " + abbreviate(json));
            }
            return o;
        } catch (JsonProcessingException e) {
            throw new DataRequestException(400, "invalid JSON (" + e.getOriginalMessage() + "): " + abbreviate(json), e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }
}
