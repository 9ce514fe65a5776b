package dev.outpost.generator.java;

import dev.outpost.ComplexValue;
import dev.outpost.DataService;
import dev.outpost.EntityValue;
import dev.outpost.generator.naming.JavaNames;
import dev.outpost.generator.naming.JavaNamingStrategy;
import dev.outpost.generator.naming.NameAllocator;
import dev.outpost.model.EntitySet;
import dev.outpost.model.EntityType;
import dev.outpost.model.EnumType;
import dev.outpost.model.NavigationProperty;
import dev.outpost.model.Property;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.Schema;
import dev.outpost.model.ServiceModel;
import dev.outpost.model.Singleton;
import dev.outpost.model.StructuredType;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Every name the proxies of one service use, decided once before any file is built: packages,
 * class names, and the members of each entity and complex class. Names are allocated in
 * document order, so the first of two clashing elements keeps the plain name.
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
    private static final Predicate<String> ENTITY_RESERVED = reservedBy(EntityValue.class);
    private static final Predicate<String> COMPLEX_RESERVED = reservedBy(ComplexValue.class);
    static final Predicate<String> SERVICE_RESERVED = reservedBy(DataService.class);

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

    ProxyNames(ServiceModel model, JavaOptions options, JavaNamingStrategy strategy) {
        this.model = model;
        this.strategy = strategy;
        this.basePackage = options.basePackage();
        String mainNamespace = strategy.mainNamespace(model);

        NameAllocator packageScope = NameAllocator.caseInsensitive(name -> false);
        packageScope.reserve(basePackage);
        packages.put(mainNamespace, basePackage);
        for (Schema schema : model.schemas()) {
            packages.computeIfAbsent(schema.namespace(),
                    ns -> packageScope.newName(strategy.packageName(basePackage, ns, mainNamespace)));
        }

        Map<String, NameAllocator> typeScopes = new HashMap<>();
        NameAllocator baseScope = typeScope(typeScopes, basePackage);
        String stem = strategy.serviceStem(options.serviceName(), model);
        this.service = classIn(baseScope, basePackage, strategy.serviceClassName(stem));
        this.metadata = classIn(baseScope, basePackage, strategy.metadataClassName(stem));
        this.valueFactory = classIn(baseScope, basePackage, strategy.valueFactoryClassName(stem));
        for (EntityType t : model.entityTypes()) {
            nameType(typeScopes, t.qualifiedName());
        }
        for (StructuredType t : model.complexTypes()) {
            nameType(typeScopes, t.qualifiedName());
        }
        for (EnumType t : model.enumTypes()) {
            nameType(typeScopes, t.qualifiedName());
        }
        for (StructuredType t : model.structuredTypes()) {
            members(t);
        }

        NameAllocator metadataScope = NameAllocator.caseSensitive(JavaNames::isReserved);
        this.resourceConstant = metadataScope.newName("METADATA_RESOURCE");
        this.valueFactoryConstant = metadataScope.newName("VALUE_FACTORY");
        for (EntitySet set : model.entitySets()) {
            containerConstants.put(set.name(), metadataScope.newName(strategy.constantName(set.name())));
        }
        for (Singleton singleton : model.singletons()) {
            containerConstants.put(singleton.name(), metadataScope.newName(strategy.constantName(singleton.name())));
        }
    }

    private NameAllocator typeScope(Map<String, NameAllocator> scopes, String pkg) {
        return scopes.computeIfAbsent(pkg, p -> NameAllocator.caseInsensitive(JavaNames::isReserved));
    }

    private JavaType.ClassName classIn(NameAllocator scope, String pkg, String candidate) {
        JavaType.ClassName name = new JavaType.ClassName(pkg, scope.newName(candidate));
        classesByPackage.computeIfAbsent(pkg, p -> new TreeSet<>()).add(name.simpleName());
        return name;
    }

    private void nameType(Map<String, NameAllocator> scopes, QualifiedName type) {
        String pkg = packageOf(type.namespace());
        classes.put(type, classIn(typeScope(scopes, pkg), pkg, strategy.typeName(type.name())));
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
        if (base != null && base != type) {
            Members inherited = members(base);
            scope = inherited.scope().copy();
            constants.addAll(inherited.constants());
        } else {
            scope = NameAllocator.caseSensitive(type instanceof EntityType ? ENTITY_RESERVED : COMPLEX_RESERVED);
            scope.reserve(TYPE_CONSTANT);
            constants.add(TYPE_CONSTANT);
        }
        Map<String, PropertyNames> properties = new LinkedHashMap<>();
        for (Property p : type.declaredProperties()) {
            properties.put(p.name(), allocate(scope, p.name(), constants));
        }
        Map<String, PropertyNames> navigations = new LinkedHashMap<>();
        for (NavigationProperty n : type.declaredNavigationProperties()) {
            navigations.put(n.name(), allocate(scope, n.name(), constants));
        }
        Members result = new Members(properties, navigations, Set.copyOf(constants), scope);
        members.put(type.qualifiedName(), result);
        return result;
    }

    private PropertyNames allocate(NameAllocator scope, String name, Set<String> constants) {
        List<String> names = scope.newNames(List.of(strategy.constantName(name), strategy.getterName(name),
                strategy.setterName(name)));
        constants.add(names.get(0));
        return new PropertyNames(names.get(0), names.get(1), names.get(2));
    }

    private static Predicate<String> reservedBy(Class<?> runtimeClass) {
        Set<String> names = new HashSet<>();
        for (Class<?> c = runtimeClass; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers())) {
                    names.add(m.getName());
                }
            }
        }
        return name -> JavaNames.isReserved(name) || names.contains(name);
    }
}
