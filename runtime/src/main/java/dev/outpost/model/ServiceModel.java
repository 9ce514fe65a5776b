package dev.outpost.model;

import dev.outpost.internal.csdl.CsdlReader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The immutable model of one OData v4 service: everything in its {@code $metadata} that affects
 * local storage, the generated API and sync. Aliases are resolved, and external
 * {@code <Annotations Target=...>} blocks are merged into the elements they target.
 *
 * <p>Read one with {@link #read(MetadataSource)}:
 * <pre>{@code
 * ServiceModel model = ServiceModel.read(MetadataSource.file(Path.of("metadata.xml")));
 * EntityType person = model.entityType(QualifiedName.parse("Trippin.Person")).orElseThrow();
 * }</pre>
 */
public final class ServiceModel {

    private final String source;
    private final String odataVersion;
    private final List<Reference> references;
    private final List<Schema> schemas;
    private final Map<QualifiedName, EntityType> entityTypes;
    private final Map<QualifiedName, ComplexType> complexTypes;
    private final Map<QualifiedName, EnumType> enumTypes;
    private final Map<QualifiedName, TypeDefinition> typeDefinitions;
    private final Map<QualifiedName, Term> terms;
    private final List<Operation> operations;
    private final EntityContainer container;
    private final List<Annotation> unresolvedAnnotations;
    private final Map<QualifiedName, List<StructuredType>> derivedTypes;

    private ServiceModel(Builder b) {
        this.source = b.source;
        this.odataVersion = b.odataVersion;
        this.references = List.copyOf(b.references);
        this.schemas = List.copyOf(b.schemas);
        this.entityTypes = index(b.entityTypes, EntityType::qualifiedName);
        this.complexTypes = index(b.complexTypes, ComplexType::qualifiedName);
        this.enumTypes = index(b.enumTypes, EnumType::qualifiedName);
        this.typeDefinitions = index(b.typeDefinitions, TypeDefinition::qualifiedName);
        this.terms = index(b.terms, Term::qualifiedName);
        this.operations = List.copyOf(b.operations);
        this.container = b.container;
        this.unresolvedAnnotations = List.copyOf(b.unresolvedAnnotations);
        Map<QualifiedName, List<StructuredType>> derived = new HashMap<>();
        for (StructuredType t : structuredTypes()) {
            if (t.baseType() != null) {
                derived.computeIfAbsent(t.baseType(), k -> new ArrayList<>()).add(t);
            }
        }
        derived.replaceAll((k, v) -> List.copyOf(v));
        this.derivedTypes = Collections.unmodifiableMap(derived);
    }

    private static <T> Map<QualifiedName, T> index(List<T> items, java.util.function.Function<T, QualifiedName> key) {
        Map<QualifiedName, T> map = new LinkedHashMap<>();
        for (T item : items) {
            map.put(key.apply(item), item);
        }
        return Collections.unmodifiableMap(map);
    }

    /**
     * Reads and checks a CSDL XML document.
     *
     * @throws MetadataException if the document is not OData V4 CSDL, is malformed, or refers to
     *     types that do not exist; the message gives {@code source:line:column} and the name
     */
    public static ServiceModel read(MetadataSource source) {
        return CsdlReader.read(source.load(), source.name());
    }

    /** Starts a model built in code; readers and tests use this. */
    public static Builder builder(String source) {
        return new Builder(source);
    }

    /** The document this model was read from. */
    public String source() {
        return source;
    }

    /** The EDMX version, {@code 4.0} or {@code 4.01}. */
    public String odataVersion() {
        return odataVersion;
    }

    /** The documents this one references. */
    public List<Reference> references() {
        return references;
    }

    /** The schemas, in document order. */
    public List<Schema> schemas() {
        return schemas;
    }

    /** Every entity type, in document order. */
    public Collection<EntityType> entityTypes() {
        return entityTypes.values();
    }

    /** Every complex type, in document order. */
    public Collection<ComplexType> complexTypes() {
        return complexTypes.values();
    }

    /** Every entity and complex type. */
    public List<StructuredType> structuredTypes() {
        List<StructuredType> all = new ArrayList<>(entityTypes.values());
        all.addAll(complexTypes.values());
        return all;
    }

    /** Every enum type, in document order. */
    public Collection<EnumType> enumTypes() {
        return enumTypes.values();
    }

    /** Every type definition, in document order. */
    public Collection<TypeDefinition> typeDefinitions() {
        return typeDefinitions.values();
    }

    /** Terms the service declares itself. */
    public Collection<Term> terms() {
        return terms.values();
    }

    /** Every action and function overload, in document order. */
    public List<Operation> operations() {
        return operations;
    }

    /** External annotations whose target this model does not contain (for example, in a referenced document). */
    public List<Annotation> unresolvedAnnotations() {
        return unresolvedAnnotations;
    }

    /** The entity type with this name. */
    public Optional<EntityType> entityType(QualifiedName name) {
        return Optional.ofNullable(entityTypes.get(name));
    }

    /** The complex type with this name. */
    public Optional<ComplexType> complexType(QualifiedName name) {
        return Optional.ofNullable(complexTypes.get(name));
    }

    /** The entity or complex type with this name. */
    public Optional<StructuredType> structuredType(QualifiedName name) {
        StructuredType t = entityTypes.get(name);
        return Optional.ofNullable(t != null ? t : complexTypes.get(name));
    }

    /** The enum type with this name. */
    public Optional<EnumType> enumType(QualifiedName name) {
        return Optional.ofNullable(enumTypes.get(name));
    }

    /** The type definition with this name. */
    public Optional<TypeDefinition> typeDefinition(QualifiedName name) {
        return Optional.ofNullable(typeDefinitions.get(name));
    }

    /**
     * Resolves a type name: a primitive type, a type of this model, or an {@link UnresolvedType}
     * for names this model does not contain.
     */
    public ModelType resolve(QualifiedName name) {
        Optional<PrimitiveType> primitive = PrimitiveType.of(name);
        if (primitive.isPresent()) {
            return primitive.get();
        }
        ModelType t = entityTypes.get(name);
        if (t == null) {
            t = complexTypes.get(name);
        }
        if (t == null) {
            t = enumTypes.get(name);
        }
        if (t == null) {
            t = typeDefinitions.get(name);
        }
        return t != null ? t : new UnresolvedType(name);
    }

    /** The entity container, if the service declares one. */
    public Optional<EntityContainer> container() {
        return Optional.ofNullable(container);
    }

    /** The container's entity sets (empty without a container). */
    public List<EntitySet> entitySets() {
        return container == null ? List.of() : container.entitySets();
    }

    /** The container's singletons (empty without a container). */
    public List<Singleton> singletons() {
        return container == null ? List.of() : container.singletons();
    }

    /** The entity set with this name. */
    public Optional<EntitySet> entitySet(String name) {
        return container == null ? Optional.empty() : container.entitySet(name);
    }

    /** The singleton with this name. */
    public Optional<Singleton> singleton(String name) {
        return container == null ? Optional.empty() : container.singleton(name);
    }

    /** The direct base type, if it is declared in this model. */
    public Optional<StructuredType> baseType(StructuredType type) {
        return type.baseType() == null ? Optional.empty() : structuredType(type.baseType());
    }

    /** The type and its base types, the root first. */
    public List<StructuredType> hierarchy(StructuredType type) {
        return members(type).hierarchy;
    }

    /** Types that name this type as their base type (direct subtypes only). */
    public List<StructuredType> derivedTypes(StructuredType type) {
        return derivedTypes.getOrDefault(type.qualifiedName(), List.of());
    }

    /** Structural properties including inherited ones, base type's first. */
    public List<Property> properties(StructuredType type) {
        return members(type).properties;
    }

    /** Navigation properties including inherited ones, base type's first. */
    public List<NavigationProperty> navigationProperties(StructuredType type) {
        return members(type).navigationProperties;
    }

    /** The structural property with this name, declared or inherited. */
    public Optional<Property> property(StructuredType type, String name) {
        return Optional.ofNullable(members(type).propertiesByName.get(name));
    }

    /** The navigation property with this name, declared or inherited. */
    public Optional<NavigationProperty> navigationProperty(StructuredType type, String name) {
        return Optional.ofNullable(members(type).navigationsByName.get(name));
    }

    /** A type's hierarchy and members, computed once per type of this model (the store asks per value). */
    private record Members(StructuredType type, List<StructuredType> hierarchy, List<Property> properties,
                           Map<String, Property> propertiesByName, List<NavigationProperty> navigationProperties,
                           Map<String, NavigationProperty> navigationsByName) {
    }

    private final Map<QualifiedName, Members> members = new java.util.concurrent.ConcurrentHashMap<>();

    private Members members(StructuredType type) {
        Members m = members.get(type.qualifiedName());
        if (m != null && m.type == type) {
            return m;
        }
        List<StructuredType> chain = new ArrayList<>();
        for (StructuredType t = type; t != null; t = baseType(t).orElse(null)) {
            chain.add(0, t);
            if (chain.size() > 64) {
                break; // cycles are rejected when reading; this guards models built in code
            }
        }
        List<Property> properties = new ArrayList<>();
        List<NavigationProperty> navigations = new ArrayList<>();
        Map<String, Property> propertiesByName = new HashMap<>();
        Map<String, NavigationProperty> navigationsByName = new HashMap<>();
        for (StructuredType t : chain) {
            properties.addAll(t.declaredProperties());
            navigations.addAll(t.declaredNavigationProperties());
        }
        properties.forEach(p -> propertiesByName.putIfAbsent(p.name(), p));
        navigations.forEach(n -> navigationsByName.putIfAbsent(n.name(), n));
        m = new Members(type, List.copyOf(chain), List.copyOf(properties), propertiesByName, List.copyOf(navigations),
                navigationsByName);
        if (structuredType(type.qualifiedName()).orElse(null) == type) {
            members.put(type.qualifiedName(), m); // a type built outside this model is not cached under its name
        }
        return m;
    }

    /** The key of an entity type: its own or the nearest base type's. Empty when none is declared. */
    public List<PropertyRef> key(EntityType type) {
        List<StructuredType> chain = hierarchy(type);
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (chain.get(i) instanceof EntityType e && !e.declaredKey().isEmpty()) {
                return e.declaredKey();
            }
        }
        return List.of();
    }

    /** The actions and functions with this name (all overloads). */
    public List<Operation> operations(QualifiedName name) {
        return operations.stream().filter(o -> o.qualifiedName().equals(name)).toList();
    }

    /** Builds a {@link ServiceModel} from its parts. Not thread-safe; build once. */
    public static final class Builder {
        private final String source;
        private String odataVersion = "4.0";
        private final List<Reference> references = new ArrayList<>();
        private final List<Schema> schemas = new ArrayList<>();
        private final List<EntityType> entityTypes = new ArrayList<>();
        private final List<ComplexType> complexTypes = new ArrayList<>();
        private final List<EnumType> enumTypes = new ArrayList<>();
        private final List<TypeDefinition> typeDefinitions = new ArrayList<>();
        private final List<Term> terms = new ArrayList<>();
        private final List<Operation> operations = new ArrayList<>();
        private final List<Annotation> unresolvedAnnotations = new ArrayList<>();
        private EntityContainer container;

        private Builder(String source) {
            this.source = source;
        }

        /** Sets the EDMX version. */
        public Builder odataVersion(String version) {
            this.odataVersion = version;
            return this;
        }

        /** Adds a reference. */
        public Builder reference(Reference r) {
            references.add(r);
            return this;
        }

        /** Adds a schema. */
        public Builder schema(Schema s) {
            schemas.add(s);
            return this;
        }

        /** Adds an entity type. */
        public Builder entityType(EntityType t) {
            entityTypes.add(t);
            return this;
        }

        /** Adds a complex type. */
        public Builder complexType(ComplexType t) {
            complexTypes.add(t);
            return this;
        }

        /** Adds an enum type. */
        public Builder enumType(EnumType t) {
            enumTypes.add(t);
            return this;
        }

        /** Adds a type definition. */
        public Builder typeDefinition(TypeDefinition t) {
            typeDefinitions.add(t);
            return this;
        }

        /** Adds a term. */
        public Builder term(Term t) {
            terms.add(t);
            return this;
        }

        /** Adds an operation overload. */
        public Builder operation(Operation o) {
            operations.add(o);
            return this;
        }

        /** Sets the entity container. */
        public Builder container(EntityContainer c) {
            this.container = c;
            return this;
        }

        /** Records an external annotation whose target is not in this model. */
        public Builder unresolvedAnnotation(Annotation a) {
            unresolvedAnnotations.add(a);
            return this;
        }

        /** Builds the immutable model. */
        public ServiceModel build() {
            return new ServiceModel(this);
        }
    }
}
