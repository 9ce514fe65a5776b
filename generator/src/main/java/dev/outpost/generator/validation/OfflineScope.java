package dev.outpost.generator.validation;

import dev.outpost.model.ComplexType;
import dev.outpost.model.EntitySet;
import dev.outpost.model.EntityType;
import dev.outpost.model.Facets;
import dev.outpost.model.ModelType;
import dev.outpost.model.NavigationProperty;
import dev.outpost.model.PrimitiveType;
import dev.outpost.model.Property;
import dev.outpost.model.PropertyRef;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.ServiceModel;
import dev.outpost.model.Singleton;
import dev.outpost.model.StructuredType;
import dev.outpost.model.TypeDefinition;
import dev.outpost.model.TypeRef;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The part of a model the offline store keeps, and lookups the checks share.
 *
 * <p>Stored types are the entity types of entity sets and singletons, their base and derived
 * types, the targets of containment navigation properties, and the complex types their
 * properties use (again with base and derived types), to a fixed point. Types nothing reaches
 * are not stored, so property and navigation rules skip them.
 */
final class OfflineScope {

    /** A model element together with the type that declares it. */
    record Member<T>(StructuredType declaringType, T element) {
    }

    private final ServiceModel model;
    private final Set<QualifiedName> stored = new HashSet<>();
    private final List<EntityType> storedEntityTypes;
    private final List<ComplexType> storedComplexTypes;
    private final List<EntityType> entitySetTypes;
    private final Map<QualifiedName, List<StructuredType>> derivedClosure = new HashMap<>();
    private final Set<String> namedAsPartner = new HashSet<>();

    OfflineScope(ServiceModel model) {
        this.model = model;
        Deque<StructuredType> work = new ArrayDeque<>();
        for (EntitySet s : model.entitySets()) {
            model.entityType(s.entityType()).ifPresent(work::add);
        }
        for (Singleton s : model.singletons()) {
            model.entityType(s.type()).ifPresent(work::add);
        }
        while (!work.isEmpty()) {
            StructuredType t = work.poll();
            if (!stored.add(t.qualifiedName())) {
                continue;
            }
            model.baseType(t).ifPresent(work::add);
            work.addAll(allDerived(t));
            for (Property p : t.declaredProperties()) {
                model.complexType(p.type().name()).ifPresent(work::add);
            }
            for (NavigationProperty n : t.declaredNavigationProperties()) {
                if (n.containsTarget()) {
                    model.entityType(n.targetType()).ifPresent(work::add);
                }
            }
        }
        this.storedEntityTypes = model.entityTypes().stream().filter(this::isStored).toList();
        this.storedComplexTypes = model.complexTypes().stream().filter(this::isStored).toList();

        Set<QualifiedName> setTypeNames = new HashSet<>();
        for (EntitySet s : model.entitySets()) {
            model.entityType(s.entityType()).ifPresent(t -> {
                model.hierarchy(t).forEach(h -> setTypeNames.add(h.qualifiedName()));
                allDerived(t).forEach(d -> setTypeNames.add(d.qualifiedName()));
            });
        }
        this.entitySetTypes = model.entityTypes().stream().filter(t -> setTypeNames.contains(t.qualifiedName())).toList();

        for (EntityType t : model.entityTypes()) {
            for (NavigationProperty n : t.declaredNavigationProperties()) {
                if (n.partner() != null) {
                    partner(n).ifPresent(p -> namedAsPartner.add(memberPath(p.declaringType(), p.element().name())));
                }
            }
        }
    }

    /** Whether the store keeps entities or values of this type. */
    boolean isStored(StructuredType type) {
        return stored.contains(type.qualifiedName());
    }

    /** Stored entity types, in document order. */
    List<EntityType> storedEntityTypes() {
        return storedEntityTypes;
    }

    /** Stored entity and complex types, entity types first, each in document order. */
    List<StructuredType> storedTypes() {
        List<StructuredType> all = new ArrayList<>(storedEntityTypes);
        all.addAll(storedComplexTypes);
        return all;
    }

    /** Entity types of entity sets, with their base and derived types, in document order. */
    List<EntityType> entitySetTypes() {
        return entitySetTypes;
    }

    /** Every type derived from this one, directly or not, breadth first. */
    List<StructuredType> allDerived(StructuredType type) {
        List<StructuredType> cached = derivedClosure.get(type.qualifiedName());
        if (cached != null) {
            return cached;
        }
        List<StructuredType> all = new ArrayList<>();
        Set<QualifiedName> seen = new HashSet<>();
        Deque<StructuredType> work = new ArrayDeque<>(model.derivedTypes(type));
        while (!work.isEmpty()) {
            StructuredType d = work.poll();
            if (seen.add(d.qualifiedName())) {
                all.add(d);
                work.addAll(model.derivedTypes(d));
            }
        }
        List<StructuredType> result = List.copyOf(all);
        derivedClosure.put(type.qualifiedName(), result);
        return result;
    }

    /** The names of an entity type's key properties (first path segment of each key part). */
    Set<String> keyNames(EntityType type) {
        Set<String> names = new LinkedHashSet<>();
        for (PropertyRef ref : model.key(type)) {
            names.add(ref.path().split("/")[0]);
        }
        return names;
    }

    /** The property a key part refers to, following paths into complex types, with its declaring type. */
    Optional<Member<Property>> keyProperty(EntityType type, PropertyRef ref) {
        String[] segments = ref.path().split("/");
        StructuredType current = type;
        for (int i = 0; i < segments.length; i++) {
            Optional<Member<Property>> p = declaredOrInherited(current, segments[i]);
            if (p.isEmpty() || i == segments.length - 1) {
                return p;
            }
            Optional<ComplexType> next = model.complexType(p.get().element().type().name());
            if (next.isEmpty()) {
                return Optional.empty();
            }
            current = next.get();
        }
        return Optional.empty();
    }

    private Optional<Member<Property>> declaredOrInherited(StructuredType type, String name) {
        List<StructuredType> chain = model.hierarchy(type);
        for (int i = chain.size() - 1; i >= 0; i--) {
            Optional<Property> p = chain.get(i).declaredProperty(name);
            if (p.isPresent()) {
                return Optional.of(new Member<>(chain.get(i), p.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * The partner of a navigation property, with the type that declares it. Partner paths
     * ({@code Ns.Derived/Nav}, {@code Complex/Nav}) are followed; a partner declared on a type
     * derived from the target is found too.
     */
    Optional<Member<NavigationProperty>> partner(NavigationProperty nav) {
        if (nav.partner() == null) {
            return Optional.empty();
        }
        Optional<EntityType> target = model.entityType(nav.targetType());
        if (target.isEmpty()) {
            return Optional.empty();
        }
        StructuredType current = target.get();
        String[] segments = nav.partner().split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            String s = segments[i];
            Optional<? extends StructuredType> next = s.indexOf('.') > 0
                    ? model.structuredType(QualifiedName.parse(s))
                    : model.property(current, s).flatMap(p -> model.complexType(p.type().name()));
            if (next.isEmpty()) {
                return Optional.empty();
            }
            current = next.get();
        }
        return navigationProperty(current, segments[segments.length - 1]);
    }

    /** A navigation property of this type, its base types or its derived types, with its declaring type. */
    Optional<Member<NavigationProperty>> navigationProperty(StructuredType type, String name) {
        List<StructuredType> candidates = new ArrayList<>(model.hierarchy(type));
        candidates.addAll(allDerived(type));
        for (StructuredType t : candidates) {
            Optional<NavigationProperty> n = t.declaredNavigationProperty(name);
            if (n.isPresent()) {
                return Optional.of(new Member<>(t, n.get()));
            }
        }
        return Optional.empty();
    }

    /** Whether some navigation property names this one (declared on {@code type}) as its Partner. */
    boolean isNamedAsPartner(StructuredType type, NavigationProperty nav) {
        return namedAsPartner.contains(memberPath(type, nav.name()));
    }

    /** The primitive type behind a type reference (through a type definition), or null for other types. */
    PrimitiveType primitive(TypeRef type) {
        ModelType t = model.resolve(type.name());
        if (t instanceof PrimitiveType p) {
            return p;
        }
        return t instanceof TypeDefinition d ? d.underlyingType() : null;
    }

    /** The facets that apply to a property: its own, or its type definition's. */
    Facets facets(Property property) {
        return model.typeDefinition(property.type().name()).map(TypeDefinition::facets).orElse(property.facets());
    }

    /** The model path of a type member, for example {@code FieldService.WorkOrder/Tasks}. */
    static String memberPath(StructuredType type, String member) {
        return type.qualifiedName() + "/" + member;
    }

    /** The model path of a container child, for example {@code FieldService.Container/Parts}. */
    String containerPath(String child) {
        return model.container().map(c -> c.qualifiedName() + "/" + child).orElse(child);
    }
}
