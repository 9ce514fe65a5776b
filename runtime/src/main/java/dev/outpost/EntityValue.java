package dev.outpost;

import dev.outpost.internal.EntityAccess;
import dev.outpost.model.QualifiedName;
import dev.outpost.query.CollectionNavigation;
import dev.outpost.query.EntityNavigation;
import dev.outpost.query.TypedProperty;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An entity: property values, related entities, and what the offline store knows about it
 * (readLink and editLink, ETag, local state). Generated entity classes extend it with typed
 * accessors; the dynamic API uses it directly.
 *
 * <p>Identify an entity by its {@linkplain #readLink() readLink}, never by building a URL from
 * key values: an entity created offline has no key until it is uploaded, and its readLink keeps
 * working before and after the upload.
 *
 * <p>Setting a value marks the property changed; an update sends only the changed properties.
 */
public class EntityValue {

    static {
        EntityAccess.register(new Access());
    }

    private final QualifiedName entityType;
    private String entitySet;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Set<String> changed = new LinkedHashSet<>();
    private final Map<String, Object> related = new LinkedHashMap<>();
    private final Map<String, List<EntityValue>> bindings = new LinkedHashMap<>();
    private String readLink;
    private String editLink;
    private String etag;
    private long localId;
    private boolean isNew;
    private boolean isLocal;
    private boolean hasPendingChanges;
    private boolean inErrorState;
    private boolean hasLocalRelatives;
    private boolean hasRelativesWithPendingChanges;

    /** A new, empty entity of the given type; no property has a value. */
    public EntityValue(QualifiedName entityType) {
        this.entityType = Objects.requireNonNull(entityType, "entityType");
    }

    /** The entity type. */
    public QualifiedName entityType() {
        return entityType;
    }

    /** The entity set the entity belongs to, once it was read or created; else null. */
    public String entitySet() {
        return entitySet;
    }

    /** The stored value of a property, or null. */
    public Object getValue(String name) {
        return values.get(name);
    }

    /**
     * Sets a property's stored value (see {@link dev.outpost.query.Literals} for the Java types;
     * enums as member names) and marks it changed.
     */
    public EntityValue setValue(String name, Object value) {
        values.put(Objects.requireNonNull(name, "name"), value);
        changed.add(name);
        return this;
    }

    /** Removes a property's value, so that a create leaves it to the service's default. */
    public EntityValue unsetValue(String name) {
        values.remove(name);
        changed.remove(name);
        return this;
    }

    /** Whether the property has a value (possibly null); false when not selected or never set. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The names of the properties that have values. */
    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** The properties set since the entity was read, created or last updated. */
    public Set<String> changedProperties() {
        return Collections.unmodifiableSet(changed);
    }

    /** A property's value, typed by its descriptor. */
    public <T> T get(TypedProperty<T> property) {
        return property.fromValue(values.get(property.name()));
    }

    /** Sets a property's value, typed by its descriptor, and marks it changed. */
    public <T> void set(TypedProperty<T> property, T value) {
        setValue(property.name(), property.toValue(value));
    }

    /** The related entity of an expanded single-valued navigation, or null. */
    public EntityValue getRelated(String navigation) {
        Object r = related.get(navigation);
        return r instanceof EntityValue e ? e : null;
    }

    /** The related entities of an expanded collection-valued navigation (empty when not expanded). */
    public List<EntityValue> getRelatedList(String navigation) {
        Object r = related.get(navigation);
        if (r instanceof List<?> list) {
            List<EntityValue> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add((EntityValue) o);
            }
            return Collections.unmodifiableList(out);
        }
        return List.of();
    }

    /** Whether a navigation was expanded (or set for deep insert). */
    public boolean hasRelated(String navigation) {
        return related.containsKey(navigation);
    }

    /** The names of expanded (or deep-inserted) navigations. */
    public Set<String> relatedNames() {
        return Collections.unmodifiableSet(related.keySet());
    }

    /** The expanded related entity, typed. */
    @SuppressWarnings("unchecked")
    public <T extends EntityValue> T get(EntityNavigation<T> navigation) {
        return (T) getRelated(navigation.name());
    }

    /** The expanded related entities, typed. */
    @SuppressWarnings("unchecked")
    public <T extends EntityValue> List<T> get(CollectionNavigation<T> navigation) {
        return (List<T>) (List<?>) getRelatedList(navigation.name());
    }

    /** Sets a new related entity to create together with this one (deep insert). */
    public EntityValue setRelated(String navigation, EntityValue entity) {
        related.put(navigation, entity);
        return this;
    }

    /** Sets new related entities to create together with this one (deep insert). */
    public EntityValue setRelatedList(String navigation, List<? extends EntityValue> entities) {
        related.put(navigation, List.copyOf(entities));
        return this;
    }

    /** Sets a new related entity to create together with this one (deep insert), typed. */
    public <T extends EntityValue> void set(EntityNavigation<T> navigation, T entity) {
        setRelated(navigation.name(), entity);
    }

    /** Sets new related entities to create together with this one (deep insert), typed. */
    public <T extends EntityValue> void set(CollectionNavigation<T> navigation, List<T> entities) {
        setRelatedList(navigation.name(), entities);
    }

    /**
     * Relates this (new) entity to an existing one when it is created ({@code @odata.bind}).
     * For collection-valued navigations, call it once per target.
     */
    public EntityValue bindEntity(String navigation, EntityValue target) {
        Objects.requireNonNull(target, "target");
        bindings.computeIfAbsent(navigation, k -> new ArrayList<>()).add(target);
        return this;
    }

    /** Relates this (new) entity to an existing one when it is created, typed. */
    public <T extends EntityValue> EntityValue bindEntity(EntityNavigation<T> navigation, T target) {
        return bindEntity(navigation.name(), target);
    }

    /** Relates this (new) entity to existing ones when it is created, typed. */
    public <T extends EntityValue> EntityValue bindEntity(CollectionNavigation<T> navigation, T target) {
        return bindEntity(navigation.name(), target);
    }

    /** The URL, relative to the service root, to read this entity; null before it is stored. */
    public String readLink() {
        return readLink;
    }

    /** The URL, relative to the service root, to change this entity; null before it is stored. */
    public String editLink() {
        return editLink;
    }

    /** The entity's ETag as last downloaded, or null. */
    public String etag() {
        return etag;
    }

    /** Whether the entity was created locally and its create is not yet uploaded. */
    public boolean isNew() {
        return isNew;
    }

    /** Whether the entity was created or changed locally and not yet downloaded again. */
    public boolean isLocal() {
        return isLocal;
    }

    /** Whether requests for the entity wait in the request queue. */
    public boolean hasPendingChanges() {
        return hasPendingChanges;
    }

    /** Whether a failed request for the entity is in the error archive. */
    public boolean inErrorState() {
        return inErrorState;
    }

    /** Whether a relative named in {@code computeHasLocalRelatives} is local (computed on request). */
    public boolean hasLocalRelatives() {
        return hasLocalRelatives;
    }

    /** Whether a relative named in {@code computeHasRelativesWithPendingChanges} has pending changes. */
    public boolean hasRelativesWithPendingChanges() {
        return hasRelativesWithPendingChanges;
    }

    @Override
    public String toString() {
        return entityType.name() + (readLink != null ? "[" + readLink + "]" : "") + values;
    }

    private static final class Access extends EntityAccess {
        @Override
        public void setEntitySet(EntityValue e, String entitySet) {
            e.entitySet = entitySet;
        }

        @Override
        public void setLinks(EntityValue e, String readLink, String editLink) {
            e.readLink = readLink;
            e.editLink = editLink;
        }

        @Override
        public void setETag(EntityValue e, String etag) {
            e.etag = etag;
        }

        @Override
        public void setLocalId(EntityValue e, long localId) {
            e.localId = localId;
        }

        @Override
        public long localId(EntityValue e) {
            return e.localId;
        }

        @Override
        public void setLocalState(EntityValue e, boolean isNew, boolean isLocal, boolean pending, boolean error) {
            e.isNew = isNew;
            e.isLocal = isLocal;
            e.hasPendingChanges = pending;
            e.inErrorState = error;
        }

        @Override
        public void setRelativesState(EntityValue e, boolean local, boolean pending) {
            e.hasLocalRelatives = local;
            e.hasRelativesWithPendingChanges = pending;
        }

        @Override
        public void putLoaded(EntityValue e, String property, Object value) {
            e.values.put(property, value);
        }

        @Override
        public void clearChanges(EntityValue e) {
            e.changed.clear();
            e.bindings.clear();
        }

        @Override
        public void putRelated(EntityValue e, String navigation, Object related) {
            e.related.put(navigation, related);
        }

        @Override
        public Map<String, List<EntityValue>> bindings(EntityValue e) {
            return Collections.unmodifiableMap(e.bindings);
        }
    }
}
