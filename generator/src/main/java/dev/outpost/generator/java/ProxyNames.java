package dev.outpost.generator.java;

import dev.outpost.ComplexValue;
import dev.outpost.DataService;
import dev.outpost.EntityValue;
import dev.outpost.generator.naming.JavaNamingStrategy;
import dev.outpost.generator.naming.NameAllocator;
import dev.outpost.generator.naming.ReservedNames;
import dev.outpost.model.Annotatable;
import dev.outpost.model.EntitySet;
import dev.outpost.model.EntityType;
import dev.outpost.model.EnumMember;
import dev.outpost.model.EnumType;
import dev.outpost.model.ModelType;
import dev.outpost.model.NavigationProperty;
import dev.outpost.model.Property;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.Schema;
import dev.outpost.model.ServiceModel;
import dev.outpost.model.Singleton;
import dev.outpost.model.SourceLocation;
import dev.outpost.model.StructuredType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every name the proxies of one service use, decided once before any file is built: packages,
 * class names, the members of each entity and complex class, and enum constants. Names are
 * allocated in document order, so the first of two clashing elements keeps the plain name. Every
 * element whose names differ from the strategy's proposal is recorded with the reason
 * ({@link #renamed()}, reported by the validator as OUT118).
 */
final class ProxyNames {

    /** The constant, getter and setter of one (navigation) property. */
    record PropertyNames(String constant, String getter, String setter) {
    }

    /** The member names of one entity or complex class, its own and inherited. */
    record Members(Map<String, PropertyNames> properties, Map<String, PropertyNames> navigations,
                   Set<String> constants, NameAllocator scope) {
    }

    /** Every public and protected method name of the runtime base classes, which generated members must not hide. */
    private static final ReservedNames ENTITY_RESERVED = ReservedNames.javaKeywords().plusMethodsOf(EntityValue.class);
    private static final ReservedNames COMPLEX_RESERVED = ReservedNames.javaKeywords().plusMethodsOf(ComplexValue.class);
    static final ReservedNames SERVICE_RESERVED = ReservedNames.javaKeywords().plusMethodsOf(DataService.class);
    static final ReservedNames KEYWORDS = ReservedNames.javaKeywords();

    /** The private fields of every generated enum. */
    static final List<String> ENUM_FIELDS = List.of("odataName", "odataValue");

    /** The descriptor of a class's own OData type; every entity, complex and enum class has it. */
    static final String TYPE_CONSTANT = "TYPE";

    private final ServiceModel model;
    private final JavaNamingStrategy strategy;
    private final String basePackage;
    private final Map<String, String> packages = new HashMap<>();
    private final Map<QualifiedName, JavaType.ClassName> classes = new HashMap<>();
    private final Map<String, Set<String>> classesByPackage = new HashMap<>();
    private final Map<QualifiedName, Members> members = new HashMap<>();
    private final JavaType.ClassName service;
    private final JavaType.ClassName metadata;
    private final JavaType.ClassName valueFactory;
    private final Map<String, String> containerConstants = new HashMap<>();
    private final String resourceConstant;
    private final String valueFactoryConstant;
    private final Map<QualifiedName, List<String>> enumConstants = new HashMap<>();
    private final List<JavaNaming.Renamed> renamed = new ArrayList<>();

    ProxyNames(ServiceModel model, JavaOptions options, JavaNamingStrategy strategy) {
        this.model = model;
        this.strategy = strategy;
        this.basePackage = options.basePackage();
        String mainNamespace = strategy.mainNamespace(model);

        NameAllocator packageScope = NameAllocator.caseInsensitive(name -> false);
        packageScope.reserve(basePackage, "the base package");
        packages.put(mainNamespace, basePackage);
        for (Schema schema : model.schemas()) {
            if (!packages.containsKey(schema.namespace())) {
                String element = "schema '" + schema.namespace() + "'";
                NameAllocator.Allocation a = packageScope.allocate(
                        List.of(strategy.packageName(basePackage, schema.namespace(), mainNamespace)), element);
                packages.put(schema.namespace(), a.names().get(0));
                a.conflict().ifPresent(c -> renamed(element, schema.namespace(), schema.location(),
                        List.of("package " + a.names().get(0)), JavaNaming.reason(c, KEYWORDS)));
            }
        }

        Map<String, NameAllocator> typeScopes = new HashMap<>();
        NameAllocator baseScope = typeScope(typeScopes, basePackage);
        String stem = strategy.serviceStem(options.serviceName(), model);
        this.service = classIn(baseScope, basePackage, strategy.serviceClassName(stem), "the generated service class");
        this.metadata = classIn(baseScope, basePackage, strategy.metadataClassName(stem), "the generated metadata class");
        this.valueFactory = classIn(baseScope, basePackage, strategy.valueFactoryClassName(stem),
                "the generated value factory class");
        for (EntityType t : model.entityTypes()) {
            nameType(typeScopes, t, "entity type");
        }
        for (StructuredType t : model.complexTypes()) {
            nameType(typeScopes, t, "complex type");
        }
        for (EnumType t : model.enumTypes()) {
            nameType(typeScopes, t, "enum type");
        }
        for (StructuredType t : model.structuredTypes()) {
            members(t);
        }

        NameAllocator metadataScope = NameAllocator.caseSensitive(KEYWORDS);
        this.resourceConstant = metadataScope.allocate(List.of("METADATA_RESOURCE"),
                "the metadata class's constant METADATA_RESOURCE").names().get(0);
        this.valueFactoryConstant = metadataScope.allocate(List.of("VALUE_FACTORY"),
                "the metadata class's constant VALUE_FACTORY").names().get(0);
        for (EntitySet set : model.entitySets()) {
            containerConstants.put(set.name(), containerConstant(metadataScope, "entity set", set.name(), set.location()));
        }
        for (Singleton singleton : model.singletons()) {
            containerConstants.put(singleton.name(),
                    containerConstant(metadataScope, "singleton", singleton.name(), singleton.location()));
        }
    }

    private String containerConstant(NameAllocator scope, String kind, String name, SourceLocation location) {
        String element = kind + " '" + name + "'";
        NameAllocator.Allocation a = scope.allocate(List.of(strategy.constantName(name)), element);
        a.conflict().ifPresent(c -> renamed(element, containerPath(name), location,
                List.of(metadata.simpleName() + "." + a.names().get(0)), JavaNaming.reason(c, KEYWORDS)));
        return a.names().get(0);
    }

    /** The model path of an entity set, singleton or operation import. */
    String containerPath(String child) {
        return model.container().map(c -> c.qualifiedName() + "/" + child).orElse(child);
    }

    private NameAllocator typeScope(Map<String, NameAllocator> scopes, String pkg) {
        return scopes.computeIfAbsent(pkg, p -> NameAllocator.caseInsensitive(KEYWORDS));
    }

    private JavaType.ClassName classIn(NameAllocator scope, String pkg, String candidate, String owner) {
        return classIn(pkg, scope.allocate(List.of(candidate), owner));
    }

    private JavaType.ClassName classIn(String pkg, NameAllocator.Allocation allocation) {
        JavaType.ClassName name = new JavaType.ClassName(pkg, allocation.names().get(0));
        classesByPackage.computeIfAbsent(pkg, p -> new TreeSet<>()).add(name.simpleName());
        return name;
    }

    private <T extends ModelType & Annotatable> void nameType(Map<String, NameAllocator> scopes, T type, String kind) {
        QualifiedName qn = type.qualifiedName();
        String pkg = packageOf(qn.namespace());
        String element = kind + " '" + qn + "'";
        NameAllocator.Allocation a = typeScope(scopes, pkg).allocate(List.of(strategy.typeName(qn.name())), element);
        JavaType.ClassName cls = classIn(pkg, a);
        classes.put(qn, cls);
        String path = qn.toString();
        if (a.conflict().isPresent()) {
            renamed(element, path, type.location(), List.of("class " + cls.simpleName()),
                    JavaNaming.reason(a.conflict().get(), KEYWORDS));
        } else if (strategy.isShortened(qn.name())) {
            renamed(element, path, type.location(), List.of("class " + cls.simpleName()), "the name is longer than "
                    + JavaNamingStrategy.MAX_TYPE_NAME + " characters, so it is cut and ends in a hash of the whole name");
        }
    }

    private void renamed(String element, String path, SourceLocation location, List<String> names, String reason) {
        renamed.add(new JavaNaming.Renamed(element, path, location, names, reason));
    }

    /** Every element whose generated names differ from the strategy's proposal, in the order they were named. */
    List<JavaNaming.Renamed> renamed() {
        return List.copyOf(renamed);
    }

    /**
     * Records an element that did not keep its proposed names, for the allocations the view
     * builders make (service methods, parameters).
     */
    void renamed(String element, String path, SourceLocation location, List<String> names,
                 NameAllocator.Conflict conflict, ReservedNames reserved) {
        renamed(element, path, location, names, JavaNaming.reason(conflict, reserved));
    }

    /** The package of a schema namespace. */
    String packageOf(String namespace) {
        String pkg = packages.get(namespace);
        if (pkg == null) {
            throw new IllegalStateException("no package for namespace " + namespace);
        }
        return pkg;
    }

    /** The generated class of an entity, complex or enum type; null for types not in the model. */
    JavaType.ClassName classOf(QualifiedName type) {
        return classes.get(type);
    }

    /** The simple names of every class generated into a package. */
    Set<String> classesIn(String pkg) {
        return classesByPackage.getOrDefault(pkg, Set.of());
    }

    JavaType.ClassName service() {
        return service;
    }

    JavaType.ClassName metadata() {
        return metadata;
    }

    JavaType.ClassName valueFactory() {
        return valueFactory;
    }

    /** The metadata class's constant naming an entity set or singleton. */
    String containerConstant(String entitySetOrSingleton) {
        return containerConstants.get(entitySetOrSingleton);
    }

    /** The metadata class's constant naming the packaged {@code $metadata} resource. */
    String resourceConstant() {
        return resourceConstant;
    }

    /** The metadata class's constant holding the value factory. */
    String valueFactoryConstant() {
        return valueFactoryConstant;
    }

    String basePackage() {
        return basePackage;
    }

    JavaNamingStrategy strategy() {
        return strategy;
    }

    /**
     * The member names of an entity or complex class. A derived class starts from its base
     * class's names, so that it never hides an inherited constant or overrides a getter.
     */
    Members members(StructuredType type) {
        Members known = members.get(type.qualifiedName());
        if (known != null) {
            return known;
        }
        StructuredType base = model.baseType(type).filter(b -> b.getClass() == type.getClass()).orElse(null);
        NameAllocator scope;
        Set<String> constants = new HashSet<>();
        ReservedNames reserved = type instanceof EntityType ? ENTITY_RESERVED : COMPLEX_RESERVED;
        if (base != null && base != type) {
            Members inherited = members(base);
            scope = inherited.scope().copy();
            constants.addAll(inherited.constants());
        } else {
            scope = NameAllocator.caseSensitive(reserved);
            scope.reserve(TYPE_CONSTANT, "the constant TYPE, the class's own OData type");
            constants.add(TYPE_CONSTANT);
        }
        Map<String, PropertyNames> properties = new LinkedHashMap<>();
        for (Property p : type.declaredProperties()) {
            properties.put(p.name(), allocate(scope, reserved, type, "property", p.name(), p.location(), constants));
        }
        Map<String, PropertyNames> navigations = new LinkedHashMap<>();
        for (NavigationProperty n : type.declaredNavigationProperties()) {
            navigations.put(n.name(), allocate(scope, reserved, type, "navigation property", n.name(), n.location(),
                    constants));
        }
        Members result = new Members(properties, navigations, Set.copyOf(constants), scope);
        members.put(type.qualifiedName(), result);
        return result;
    }

    private PropertyNames allocate(NameAllocator scope, ReservedNames reserved, StructuredType type, String kind,
                                   String name, SourceLocation location, Set<String> constants) {
        String path = type.qualifiedName() + "/" + name;
        String element = kind + " '" + path + "'";
        NameAllocator.Allocation a = scope.allocate(List.of(strategy.constantName(name), strategy.getterName(name),
                strategy.setterName(name)), element);
        List<String> names = a.names();
        a.conflict().ifPresent(c -> renamed(element, path, location,
                List.of(names.get(0), names.get(1) + "()", names.get(2) + "()"), JavaNaming.reason(c, reserved)));
        constants.add(names.get(0));
        return new PropertyNames(names.get(0), names.get(1), names.get(2));
    }

    /** The constant names of an enum's members, in member order. */
    List<String> enumConstants(EnumType type) {
        List<String> known = enumConstants.get(type.qualifiedName());
        if (known != null) {
            return known;
        }
        NameAllocator scope = NameAllocator.caseSensitive(KEYWORDS);
        scope.reserve(TYPE_CONSTANT, "the constant TYPE, the enum's own OData type");
        ENUM_FIELDS.forEach(f -> scope.reserve(f, "the enum's field " + f));
        List<String> names = new ArrayList<>();
        for (EnumMember m : type.members()) {
            String path = type.qualifiedName() + "/" + m.name();
            String element = "enum member '" + path + "'";
            NameAllocator.Allocation a = scope.allocate(List.of(strategy.constantName(m.name())), element);
            a.conflict().ifPresent(c -> renamed(element, path, m.location(),
                    List.of(classOf(type.qualifiedName()).simpleName() + "." + a.names().get(0)),
                    JavaNaming.reason(c, KEYWORDS)));
            names.add(a.names().get(0));
        }
        enumConstants.put(type.qualifiedName(), List.copyOf(names));
        return enumConstants.get(type.qualifiedName());
    }
}
