package dev.outpost.internal.store;

import dev.outpost.DataRequestException;
import dev.outpost.internal.schema.EntityTable;
import dev.outpost.internal.schema.Relationship;
import dev.outpost.internal.schema.SchemaMapper;
import dev.outpost.internal.schema.StoreSchema;
import dev.outpost.model.EntitySet;
import dev.outpost.model.EntityType;
import dev.outpost.model.ServiceModel;
import dev.outpost.model.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the store serves: the service's entity sets and singletons with their tables, and the
 * read-only system sets. A service set named like a system set wins; the system set stays
 * reachable by its qualified name ({@code Outpost.EventLog}).
 */
public final class Catalog {

    /** One entity set or singleton the store serves. */
    public record Set(String name, EntityTable table, EntityType entityType, ServiceModel model, boolean system,
                      boolean singleton) {
    }

    private final ServiceModel model;
    private final StoreSchema schema;
    private final ServiceModel systemModel = SystemSchema.model();
    private final StoreSchema systemSchema;

    Catalog(ServiceModel model, StoreSchema schema) {
        this.model = model;
        this.schema = schema;
        StoreSchema mapped = SchemaMapper.map(systemModel);
        List<EntityTable> views = new ArrayList<>();
        for (EntityTable t : mapped.tables()) {
            views.add(new EntityTable(t.entitySet(), SystemSchema.view(t.entitySet()), t.entityType(), false,
                    t.keyColumns(), t.columns(), List.of()));
        }
        this.systemSchema = new StoreSchema(mapped.formatVersion(), mapped.service(), views, List.of(), List.of());
    }

    /** The service model. */
    public ServiceModel model() {
        return model;
    }

    /** The service's store schema. */
    public StoreSchema schema() {
        return schema;
    }

    private final java.util.Map<String, Optional<Set>> found = new java.util.concurrent.ConcurrentHashMap<>();

    /** The entity set or singleton with this name, if the store serves it. */
    public Optional<Set> find(String name) {
        return found.computeIfAbsent(name, this::lookup);
    }

    private Optional<Set> lookup(String name) {
        String plain = name.startsWith(SystemSchema.NAMESPACE + ".") ? name.substring(SystemSchema.NAMESPACE.length() + 1) : null;
        if (plain == null) {
            Optional<EntityTable> t = schema.table(name);
            if (t.isPresent()) {
                EntityType type = model.entityType(dev.outpost.model.QualifiedName.parse(t.get().entityType())).orElseThrow();
                return Optional.of(new Set(name, t.get(), type, model, false, t.get().singleton()));
            }
            plain = name;
        }
        Optional<EntityTable> s = systemSchema.table(plain);
        if (s.isPresent()) {
            EntityType type = systemModel.entityType(dev.outpost.model.QualifiedName.parse(s.get().entityType())).orElseThrow();
            return Optional.of(new Set(plain, s.get(), type, systemModel, true, false));
        }
        return Optional.empty();
    }

    /** The entity set or singleton with this name, or a 404 that lists what exists. */
    public Set require(String name) {
        return find(name).orElseThrow(() -> new DataRequestException(404, "no entity set or singleton '" + name
                + "' in this store; known: " + names()));
    }

    /** How a navigation of a set is stored, or a 400 that says why it cannot be used offline. */
    public Relationship relationship(Set set, String navigation) {
        return schema.relationship(set.name(), navigation).orElseThrow(() -> {
            boolean declared = set.model().navigationProperty(set.entityType(), navigation).isPresent();
            return new DataRequestException(400, declared
                    ? "navigation '" + navigation + "' of '" + set.name() + "' has no NavigationPropertyBinding (or is a"
                    + " containment), so the store keeps no relationship for it (validation rule OUT122/OUT108)"
                    : "'" + set.name() + "' has no navigation property '" + navigation + "'");
        });
    }

    /** The names of every set the store serves. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        model.entitySets().stream().map(EntitySet::name).forEach(names::add);
        model.singletons().stream().map(Singleton::name).forEach(names::add);
        for (String s : SchemaMapper.SYSTEM_SETS) {
            names.add(names.contains(s) ? SystemSchema.NAMESPACE + "." + s : s);
        }
        return names;
    }
}
