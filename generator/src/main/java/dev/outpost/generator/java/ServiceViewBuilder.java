package dev.outpost.generator.java;

import dev.outpost.DataService;
import dev.outpost.EntityNotFoundException;
import dev.outpost.EntityValue;
import dev.outpost.RequestOptions;
import dev.outpost.generator.naming.NameAllocator;
import dev.outpost.generator.naming.ReservedNames;
import dev.outpost.model.ComplexType;
import dev.outpost.model.EntityContainer;
import dev.outpost.model.EntitySet;
import dev.outpost.model.EntityType;
import dev.outpost.model.EnumType;
import dev.outpost.model.ModelType;
import dev.outpost.model.NavigationProperty;
import dev.outpost.model.Operation;
import dev.outpost.model.OperationImport;
import dev.outpost.model.Parameter;
import dev.outpost.model.PrimitiveType;
import dev.outpost.model.Property;
import dev.outpost.model.PropertyRef;
import dev.outpost.model.ServiceModel;
import dev.outpost.model.Singleton;
import dev.outpost.model.SourceLocation;
import dev.outpost.model.StructuredType;
import dev.outpost.model.TypeDefinition;
import dev.outpost.model.TypeRef;
import dev.outpost.query.CollectionNavigation;
import dev.outpost.query.DataQuery;
import dev.outpost.query.EntityNavigation;
import dev.outpost.spi.DataProvider;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the view of the service class: typed methods per entity set and singleton, and one
 * method per action or function. Names are allocated first, in document order (entity sets,
 * singletons, operation imports, bound operations), then types are spelled, so that no
 * parameter can obscure a type the file names.
 */
final class ServiceViewBuilder {

    /** The type variable of the generic link methods. */
    private static final String TYPE_VARIABLE = "T";

    /** Key types {@link DataQuery#withKey(Object)} can write as literals. */
    private static final Set<PrimitiveType.Family> KEY_FAMILIES = EnumSet.of(PrimitiveType.Family.STRING,
            PrimitiveType.Family.BOOLEAN, PrimitiveType.Family.INTEGER, PrimitiveType.Family.DECIMAL,
            PrimitiveType.Family.FLOATING, PrimitiveType.Family.DATE, PrimitiveType.Family.TIME_OF_DAY,
            PrimitiveType.Family.DATE_TIME_OFFSET, PrimitiveType.Family.DURATION, PrimitiveType.Family.GUID,
            PrimitiveType.Family.BINARY);

    private static final JavaType.ClassName LIST = JavaType.ClassName.of(List.class);
    private static final JavaType.ClassName MAP = JavaType.ClassName.of(Map.class);
    private static final JavaType.ClassName STRING = JavaType.ClassName.of(String.class);
    private static final JavaType.ClassName OBJECT = JavaType.ClassName.of(Object.class);
    private static final JavaType.ClassName ENTITY_VALUE = JavaType.ClassName.of(EntityValue.class);

    private final ServiceModel model;
    private final ProxyNames names;
    private final TypeMapping mapping;
    private final String header;
    /** Parameters and locals must not be named like the first segment of a package a type is qualified with. */
    private final ReservedNames variableReserved;

    ServiceViewBuilder(ServiceModel model, ProxyNames names, TypeMapping mapping, String header) {
        this.model = model;
        this.names = names;
        this.mapping = mapping;
        this.header = header;
        ReservedNames reserved = ReservedNames.javaKeywords();
        for (String root : new LinkedHashSet<>(List.of("java", "dev", names.basePackage().split("\\.")[0]))) {
            reserved = reserved.plus(root, "'" + root + "' starts a package name the service class qualifies types with");
        }
        this.variableReserved = reserved;
    }

    /** One key part as a parameter of the key lookup. */
    private record KeyParameter(PropertyRef ref, Property property, String name) {
    }

    /** The names of a key lookup. */
    private record KeyPlan(String method, List<KeyParameter> parameters, String query, String found, String key) {
    }

    /** The names of an entity set's methods. */
    private record SetPlan(EntitySet set, EntityType type, List<String> methods, Optional<KeyPlan> key) {
    }

    /** The names of an operation's method. */
    private record OperationPlan(Operation operation, String method, boolean collectionBound, List<String> parameters,
                                 String variable) {
    }

    /** Every name of the service class, allocated before any type is spelled. */
    record Plan(Views.Params params, Set<String> variables, List<SetPlan> sets, Map<Singleton, List<String>> singletons,
                String found, List<OperationPlan> operations) {
    }

    /**
     * Allocates every name of the service class in document order: fixed parameters, the
     * methods of each entity set and singleton, operation methods and their parameters. Renamed
     * elements are recorded in the proxy names, which is all the validator needs of this builder.
     */
    Plan plan() {
        EntityContainer container = model.container().orElseThrow();
        NameAllocator fixed = NameAllocator.caseSensitive(variableReserved);
        Views.Params params = new Views.Params(fixed.newName("provider"), fixed.newName("query"),
                fixed.newName("entity"), fixed.newName("options"), fixed.newName("source"),
                fixed.newName("navigation"), fixed.newName("target"), fixed.newName("parent"));
        Set<String> variables = new HashSet<>(List.of(params.provider(), params.query(), params.entity(),
                params.options(), params.source(), params.navigation(), params.target(), params.parent(), TYPE_VARIABLE));

        NameAllocator methods = NameAllocator.caseSensitive(ProxyNames.SERVICE_RESERVED);
        List<SetPlan> sets = new ArrayList<>();
        for (EntitySet set : container.entitySets()) {
            String n = set.name();
            var strategy = names.strategy();
            String element = "entity set '" + n + "'";
            NameAllocator.Allocation methodGroup = methods.allocate(List.of(strategy.fetchMethodName(n),
                    strategy.fetchByKeyMethodName(n), strategy.createMethodName(n), strategy.updateMethodName(n, false),
                    strategy.deleteMethodName(n), strategy.linkMethodName("createLink", n),
                    strategy.linkMethodName("updateLink", n), strategy.linkMethodName("deleteLink", n),
                    strategy.linkMethodName("createRelated", n)), element);
            List<String> group = methodGroup.names();
            EntityType type = model.entityType(set.entityType()).orElse(null);
            Optional<KeyPlan> key = type == null ? Optional.empty() : keyPlan(set, type, group.get(1));
            methodGroup.conflict().ifPresent(c -> names.renamed(element, names.containerPath(n), set.location(),
                    generatedMethods(group, type, key.isPresent()), c, ProxyNames.SERVICE_RESERVED));
            key.ifPresent(k -> {
                k.parameters().forEach(p -> variables.add(p.name()));
                variables.addAll(List.of(k.query(), k.found(), k.key()));
            });
            sets.add(new SetPlan(set, type, group, key));
        }
        Map<Singleton, List<String>> singletons = new LinkedHashMap<>();
        String found = fixed.copy().newName("found");
        variables.add(found);
        for (Singleton s : container.singletons()) {
            String element = "singleton '" + s.name() + "'";
            NameAllocator.Allocation a = methods.allocate(List.of(names.strategy().fetchMethodName(s.name()),
                    names.strategy().updateMethodName(s.name(), true)), element);
            a.conflict().ifPresent(c -> names.renamed(element, names.containerPath(s.name()), s.location(),
                    a.names().stream().map(m -> m + "()").toList(), c, ProxyNames.SERVICE_RESERVED));
            singletons.put(s, a.names());
        }
        List<OperationPlan> operations = operationPlans(container, methods);
        for (OperationPlan op : operations) {
            variables.addAll(op.parameters());
            variables.add(op.variable());
        }
        return new Plan(params, variables, sets, singletons, found, operations);
    }

    Views.ServiceView build() {
        EntityContainer container = model.container().orElseThrow();
        Plan planned = plan();
        Views.Params params = planned.params();
        Set<String> variables = planned.variables();
        List<SetPlan> sets = planned.sets();
        Map<Singleton, List<String>> singletons = planned.singletons();
        String found = planned.found();
        List<OperationPlan> operations = planned.operations();

        JavaType.ClassName cls = names.service();
        Imports imports = new Imports(cls.packageName(), names.classesIn(cls.packageName()), variables);
        String dataService = imports.render(DataService.class);
        String dataProvider = imports.render(DataProvider.class);
        String valueFactory = imports.render(names.metadata()) + "." + names.valueFactoryConstant();
        List<Views.EntitySetView> setViews = new ArrayList<>();
        for (SetPlan plan : sets) {
            setViews.add(entitySetView(imports, plan));
        }
        List<Views.SingletonView> singletonViews = new ArrayList<>();
        singletons.forEach((s, m) -> singletonViews.add(singletonView(imports, s, m, found)));
        List<Views.OperationView> operationViews = new ArrayList<>();
        for (OperationPlan op : operations) {
            operationViews.add(operationView(imports, op));
        }
        Javadoc doc = Javadoc.describing(container.annotations(), "The service " + Javadoc.code(container.qualifiedName()
                        .name()) + ": typed queries and changes on the offline store.")
                .paragraph("Entity container " + Javadoc.code(container.qualifiedName().toString())
                        + ". Every change is applied to the local store and queued for upload in one transaction"
                        + " before the call returns; actions and functions run on the back end only.");
        return new Views.ServiceView(header, cls.packageName(), imports.imports(), doc.lines(), cls.simpleName(),
                dataService, dataProvider, valueFactory, params, setViews, singletonViews, operationViews);
    }

    private Optional<KeyPlan> keyPlan(EntitySet set, EntityType type, String method) {
        List<PropertyRef> key = model.key(type);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        NameAllocator scope = NameAllocator.caseSensitive(variableReserved);
        List<KeyParameter> parameters = new ArrayList<>();
        for (PropertyRef ref : key) {
            Property p = keyProperty(type, ref.path());
            if (p == null || p.type().collection() || !(KEY_FAMILIES.contains(family(p.type())) || isEnum(p.type()))) {
                return Optional.empty();
            }
            String element = "key property '" + ref.keyName() + "' of entity set '" + set.name() + "'";
            NameAllocator.Allocation a = scope.allocate(List.of(names.strategy().parameterName(ref.keyName())), element);
            a.conflict().ifPresent(c -> names.renamed(element, type.qualifiedName() + "/" + ref.path(), p.location(),
                    List.of("parameter " + a.names().get(0) + " of " + method + "()"), c, variableReserved));
            parameters.add(new KeyParameter(ref, p, a.names().get(0)));
        }
        return Optional.of(new KeyPlan(method, parameters, scope.newName("query"), scope.newName("found"),
                scope.newName("key")));
    }

    /** The property a key path names, following complex properties; null if the path leads nowhere. */
    private Property keyProperty(StructuredType type, String path) {
        StructuredType current = type;
        Property found = null;
        for (String segment : path.split("/")) {
            if (current == null) {
                return null;
            }
            found = model.property(current, segment).orElse(null);
            if (found == null) {
                return null;
            }
            current = model.resolve(found.type().name()) instanceof ComplexType c ? c : null;
        }
        return found;
    }

    /** Whether the type is a (non-flags) enum: {@link DataQuery#withKey} writes its member name. */
    private boolean isEnum(TypeRef ref) {
        return model.resolve(ref.name()) instanceof EnumType e && !e.isFlags();
    }

    private PrimitiveType.Family family(TypeRef ref) {
        ModelType t = model.resolve(ref.name());
        if (t instanceof TypeDefinition td) {
            t = td.underlyingType();
        }
        return t instanceof PrimitiveType p ? p.family() : null;
    }

    private List<OperationPlan> operationPlans(EntityContainer container, NameAllocator methods) {
        List<OperationPlan> plans = new ArrayList<>();
        for (OperationImport imp : container.operationImports()) {
            for (Operation op : model.operations(imp.operation())) {
                if (!op.bound()) {
                    plans.add(plan(methods, op, names.strategy().operationMethodName(imp.name()), false,
                            op.kind().name().toLowerCase(Locale.ROOT) + " import '" + imp.name() + "'",
                            names.containerPath(imp.name()), imp.location()));
                }
            }
        }
        for (Operation op : model.operations()) {
            if (!op.bound() || !(model.resolve(op.bindingType().name()) instanceof EntityType binding)) {
                continue;
            }
            boolean collection = op.bindingType().collection();
            String candidate = collection
                    ? names.strategy().collectionOperationMethodName(op.qualifiedName().name(), binding.qualifiedName().name())
                    : names.strategy().operationMethodName(op.qualifiedName().name());
            plans.add(plan(methods, op, candidate, collection, "bound " + op.kind().name().toLowerCase(Locale.ROOT)
                    + " '" + op.qualifiedName() + "'", op.qualifiedName().toString(), op.location()));
        }
        return plans;
    }

    private OperationPlan plan(NameAllocator methods, Operation op, String candidate, boolean collectionBound,
                               String element, String path, SourceLocation location) {
        List<JavaType> types = new ArrayList<>();
        NameAllocator scope = NameAllocator.caseSensitive(variableReserved);
        List<String> parameters = new ArrayList<>();
        for (int i = 0; i < op.parameters().size(); i++) {
            Parameter p = op.parameters().get(i);
            types.add(parameterType(op, i));
            String parameter = "parameter '" + p.name() + "' of " + element;
            NameAllocator.Allocation a = scope.allocate(List.of(names.strategy().parameterName(p.name())), parameter);
            a.conflict().ifPresent(c -> names.renamed(parameter, op.qualifiedName() + "/" + p.name(), location,
                    List.of("parameter " + a.names().get(0)), c, variableReserved));
            parameters.add(a.names().get(0));
        }
        String signature = types.stream().map(JavaType::erasure).collect(Collectors.joining(","));
        NameAllocator.Allocation method = methods.allocateOverload(candidate, signature, element);
        method.conflict().ifPresent(c -> names.renamed(element, path, location,
                List.of(method.names().get(0) + "()"), c, ProxyNames.SERVICE_RESERVED));
        return new OperationPlan(op, method.names().get(0), collectionBound, parameters, scope.newName("parameters"));
    }

    /** The methods an entity set really gets, of the nine names its group was allocated. */
    private List<String> generatedMethods(List<String> group, EntityType type, boolean keyLookup) {
        List<String> generated = new ArrayList<>(List.of(group.get(0)));
        if (keyLookup) {
            generated.add(group.get(1));
        }
        generated.addAll(group.subList(2, 5));
        if (type != null && (hasNavigations(type, true) || hasNavigations(type, false))) {
            generated.addAll(group.subList(5, 9));
        }
        return generated.stream().map(m -> m + "()").toList();
    }

    /** A parameter's Java type; the binding parameter is the entity, or the path of the bound collection. */
    private JavaType parameterType(Operation op, int index) {
        TypeRef ref = op.parameters().get(index).type();
        if (op.bound() && index == 0) {
            return ref.collection() ? STRING : entityClass(ref);
        }
        if (model.resolve(ref.name()) instanceof EntityType) {
            return ref.collection() ? JavaType.Parameterized.of(LIST, entityClass(ref)) : entityClass(ref);
        }
        return mapping.valueType(ref);
    }

    private JavaType entityClass(TypeRef ref) {
        JavaType.ClassName c = names.classOf(ref.name());
        return c != null ? c : ENTITY_VALUE;
    }

    private Views.EntitySetView entitySetView(Imports imports, SetPlan plan) {
        JavaType entity = plan.type() != null ? names.classOf(plan.type().qualifiedName()) : ENTITY_VALUE;
        String entityType = imports.render(entity);
        String setConstant = imports.render(names.metadata()) + "." + names.containerConstant(plan.set().name());
        String list = imports.render(JavaType.Parameterized.of(LIST, entity));
        String dataQuery = imports.render(DataQuery.class);
        String requestOptions = imports.render(RequestOptions.class);
        List<Views.KeyLookup> keyLookups = plan.key().map(k -> List.of(keyLookup(imports, k))).orElse(List.of());
        List<String> m = plan.methods();
        List<Views.LinkMethods> collectionLinks = List.of();
        List<Views.LinkMethods> singleLinks = List.of();
        if (plan.type() != null && hasNavigations(plan.type(), true)) {
            collectionLinks = List.of(new Views.LinkMethods(imports.render(CollectionNavigation.class),
                    imports.render(EntityValue.class), m.get(5), m.get(6), m.get(7), m.get(8)));
        }
        if (plan.type() != null && hasNavigations(plan.type(), false)) {
            singleLinks = List.of(new Views.LinkMethods(imports.render(EntityNavigation.class),
                    imports.render(EntityValue.class), m.get(5), m.get(6), m.get(7), m.get(8)));
        }
        return new Views.EntitySetView(Javadoc.code(plan.set().name()), entityType, entityType + ".class", setConstant,
                list, dataQuery, requestOptions, m.get(0), keyLookups, m.get(2), m.get(3), m.get(4), collectionLinks,
                singleLinks);
    }

    private Views.KeyLookup keyLookup(Imports imports, KeyPlan k) {
        List<String> declared = new ArrayList<>();
        List<String> docs = new ArrayList<>();
        List<Views.KeyPart> parts = new ArrayList<>();
        for (KeyParameter p : k.parameters()) {
            declared.add(imports.render(mapping.valueType(p.property().type())) + " " + p.name());
            docs.add("@param " + p.name() + " the key property " + Javadoc.code(p.ref().keyName()));
            parts.add(new Views.KeyPart(Sources.literal(p.ref().keyName()), p.name()));
        }
        List<Views.SingleKey> single = List.of();
        List<Views.CompositeKey> composite = List.of();
        if (parts.size() == 1) {
            single = List.of(new Views.SingleKey(parts.get(0).parameter()));
        } else {
            composite = List.of(new Views.CompositeKey(imports.render(JavaType.Parameterized.of(MAP, STRING, OBJECT)),
                    imports.render(LinkedHashMap.class), k.key(), parts));
        }
        return new Views.KeyLookup(k.method(), String.join(", ", declared), docs, single, composite, k.query(),
                k.found(), imports.render(EntityNotFoundException.class));
    }

    /** Whether the type, its base types or its derived types have collection-valued (or single-valued) navigations. */
    private boolean hasNavigations(StructuredType type, boolean collection) {
        for (NavigationProperty n : model.navigationProperties(type)) {
            if (n.collection() == collection) {
                return true;
            }
        }
        for (StructuredType derived : model.derivedTypes(type)) {
            if (hasNavigations(derived, collection)) {
                return true;
            }
        }
        return false;
    }

    private Views.SingletonView singletonView(Imports imports, Singleton s, List<String> methods, String found) {
        JavaType entity = Optional.<JavaType>ofNullable(names.classOf(s.type())).orElse(ENTITY_VALUE);
        String entityType = imports.render(entity);
        return new Views.SingletonView(Javadoc.code(s.name()), entityType, entityType + ".class",
                imports.render(names.metadata()) + "." + names.containerConstant(s.name()),
                imports.render(JavaType.Parameterized.of(LIST, entity)), imports.render(DataQuery.class),
                imports.render(RequestOptions.class), methods.get(0), methods.get(1), found,
                imports.render(EntityNotFoundException.class));
    }

    private Views.OperationView operationView(Imports imports, OperationPlan plan) {
        Operation op = plan.operation();
        boolean function = op.kind() == Operation.Kind.FUNCTION;
        Javadoc doc = Javadoc.describing(op.annotations(), "Calls the " + (function ? "function " : "action ")
                + Javadoc.code(op.qualifiedName().toString()) + " on the back end.");
        doc.paragraph("Actions and functions run on the back end only: this call needs a connection to it,"
                + " and fails offline with an {@link dev.outpost.OutpostException}.");
        List<String> declared = new ArrayList<>();
        List<Views.KeyPart> arguments = new ArrayList<>();
        String binding = "null";
        for (int i = 0; i < op.parameters().size(); i++) {
            Parameter p = op.parameters().get(i);
            String name = plan.parameters().get(i);
            declared.add(imports.render(parameterType(op, i)) + " " + name);
            if (op.bound() && i == 0) {
                binding = plan.collectionBound() ? name : name + ".readLink()";
                doc.tag("@param " + name + (plan.collectionBound()
                        ? " the path of the collection of " + Javadoc.code(p.type().name().toString())
                        + " the operation is bound to, relative to the service root, such as an entity set name"
                        : " the entity the operation is bound to (binding parameter " + Javadoc.code(p.name()) + ")"));
            } else {
                arguments.add(new Views.KeyPart(Sources.literal(p.name()), name));
                doc.tag("@param " + name + " the parameter " + Javadoc.code(p.name()) + " of type "
                        + Javadoc.code(p.type().toString()));
            }
        }
        String returnType = "void";
        String result = "";
        if (op.returnType() != null) {
            TypeRef ref = op.returnType().type();
            JavaType.ClassName typed = ref.collection() ? null : returnClass(ref);
            returnType = imports.render(typed != null ? typed : OBJECT);
            result = typed != null ? "return (" + returnType + ") " : "return ";
            doc.tag("@return the result, of type " + Javadoc.code(ref.toString()));
        }
        String map = imports.render(JavaType.Parameterized.of(MAP, STRING, OBJECT));
        String mapImplementation = imports.render(LinkedHashMap.class);
        String operationName = Sources.qualifiedName(imports, op.qualifiedName());
        return new Views.OperationView(doc.lines(), returnType, plan.method(), String.join(", ", declared), map,
                mapImplementation, plan.variable(), arguments, result, function ? "callFunction" : "callAction",
                operationName, binding);
    }

    /**
     * The class a single entity or complex result is cast to: the provider creates results with
     * the service's value factory, which makes instances of the generated classes.
     */
    private JavaType.ClassName returnClass(TypeRef ref) {
        ModelType t = model.resolve(ref.name());
        return t instanceof EntityType || t instanceof ComplexType ? names.classOf(ref.name()) : null;
    }
}
