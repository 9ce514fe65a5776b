package dev.outpost.generator.java;

import dev.outpost.ComplexValue;
import dev.outpost.EntityValue;
import dev.outpost.model.EntityType;
import dev.outpost.model.Facets;
import dev.outpost.model.NavigationProperty;
import dev.outpost.model.Property;
import dev.outpost.model.PropertyRef;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.ServiceModel;
import dev.outpost.model.StructuredType;
import dev.outpost.model.Terms;
import dev.outpost.model.TypeDefinition;
import dev.outpost.query.CollectionNavigation;
import dev.outpost.query.EntityNavigation;
import dev.outpost.query.StreamProperty;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds the view of an entity or complex class. */
final class StructuredViewBuilder {

    /** The parameter of setters and of the protected constructor. */
    private static final String VALUE = "value";
    private static final String TYPE_PARAMETER = "type";

    private final ServiceModel model;
    private final ProxyNames names;
    private final TypeMapping mapping;
    private final String header;

    StructuredViewBuilder(ServiceModel model, ProxyNames names, TypeMapping mapping, String header) {
        this.model = model;
        this.names = names;
        this.mapping = mapping;
        this.header = header;
    }

    Views.StructuredView build(StructuredType type) {
        JavaType.ClassName cls = names.classOf(type.qualifiedName());
        ProxyNames.Members members = names.members(type);
        boolean entity = type instanceof EntityType;
        Set<String> variables = new HashSet<>(members.constants());
        variables.add(VALUE);
        variables.add(TYPE_PARAMETER);
        Imports imports = new Imports(cls.packageName(), names.classesIn(cls.packageName()), variables);

        StructuredType base = model.baseType(type).filter(b -> b.getClass() == type.getClass()).orElse(null);
        String superclass = base != null ? imports.render(names.classOf(base.qualifiedName()))
                : imports.render(entity ? EntityValue.class : ComplexValue.class);
        String qualifiedName = imports.render(QualifiedName.class);
        String typeInitializer = Sources.qualifiedName(imports, type.qualifiedName());

        List<Views.Constant> constants = new ArrayList<>();
        List<Views.Accessor> accessors = new ArrayList<>();
        Set<String> key = entity ? model.key((EntityType) type).stream().map(PropertyRef::path).collect(Collectors.toSet())
                : Set.of();
        for (Property p : type.declaredProperties()) {
            ProxyNames.PropertyNames n = members.properties().get(p.name());
            TypeMapping.Descriptor descriptor = mapping.descriptor(p.type());
            constants.add(new Views.Constant(propertyDoc(p, key.contains(p.name())),
                    imports.render(descriptor.type()), n.constant(),
                    descriptor.initializer(imports, Sources.literal(p.name()))));
            String valueType = imports.render(descriptor.valueType());
            accessors.add(new Views.Accessor(Javadoc.of("Returns the value of " + Javadoc.code(p.name()) + ".")
                    .description(p.annotations())
                    .tag("@return the value; null when it is null, not set, or not selected").lines(),
                    valueType, n.getter(), "", "return get(" + n.constant() + ");"));
            if (!descriptor.type().equals(JavaType.ClassName.of(StreamProperty.class))) {
                accessors.add(new Views.Accessor(Javadoc.of("Sets the value of " + Javadoc.code(p.name())
                                + (entity ? " and marks it changed." : "."))
                        .tag("@param " + VALUE + " the new value").lines(),
                        "void", n.setter(), valueType + " " + VALUE, "set(" + n.constant() + ", " + VALUE + ");"));
            }
        }
        for (NavigationProperty nav : type.declaredNavigationProperties()) {
            ProxyNames.PropertyNames n = members.navigations().get(nav.name());
            JavaType.ClassName target = names.classOf(nav.targetType());
            JavaType targetClass = target != null ? target : JavaType.ClassName.of(EntityValue.class);
            JavaType.ClassName descriptor = JavaType.ClassName.of(nav.collection() ? CollectionNavigation.class
                    : EntityNavigation.class);
            String targetType = target != null ? imports.render(target) + "." + ProxyNames.TYPE_CONSTANT
                    : Sources.qualifiedName(imports, nav.targetType());
            constants.add(new Views.Constant(navigationDoc(nav),
                    imports.render(JavaType.Parameterized.of(descriptor, targetClass)), n.constant(),
                    imports.render(descriptor) + ".of(" + Sources.literal(nav.name()) + ", " + targetType + ")"));
            if (entity) {
                accessors.addAll(navigationAccessors(imports, nav, n, targetClass));
            }
        }

        List<Views.Constructor> newInstance = type.isAbstract() ? List.of() : List.of(new Views.Constructor(
                Javadoc.of("A new, empty " + Javadoc.code(type.qualifiedName().name())
                        + "; no property has a value, not even a default.").lines()));
        return new Views.StructuredView(header, cls.packageName(), imports.imports(), classDoc(type, entity, base),
                type.isAbstract() ? "abstract class" : "class", cls.simpleName(), superclass, qualifiedName,
                ProxyNames.TYPE_CONSTANT, typeInitializer, constants, newInstance, accessors);
    }

    private List<Views.Accessor> navigationAccessors(Imports imports, NavigationProperty nav,
                                                     ProxyNames.PropertyNames n, JavaType targetClass) {
        String code = Javadoc.code(nav.name());
        if (nav.collection()) {
            String list = imports.render(JavaType.Parameterized.of(JavaType.ClassName.of(List.class), targetClass));
            return List.of(
                    new Views.Accessor(Javadoc.of("Returns the related entities of " + code + " when it was expanded.")
                            .description(nav.annotations())
                            .tag("@return the related entities; empty when not expanded").lines(),
                            list, n.getter(), "", "return get(" + n.constant() + ");"),
                    new Views.Accessor(Javadoc.of("Sets new related entities of " + code
                                    + " to create together with this entity (deep insert).")
                            .tag("@param " + VALUE + " the new related entities").lines(),
                            "void", n.setter(), list + " " + VALUE, "set(" + n.constant() + ", " + VALUE + ");"));
        }
        String target = imports.render(targetClass);
        return List.of(
                new Views.Accessor(Javadoc.of("Returns the related entity of " + code + " when it was expanded.")
                        .description(nav.annotations())
                        .tag("@return the related entity; null when not expanded or absent").lines(),
                        target, n.getter(), "", "return get(" + n.constant() + ");"),
                new Views.Accessor(Javadoc.of("Sets a new related entity of " + code
                                + " to create together with this entity (deep insert).")
                        .tag("@param " + VALUE + " the new related entity").lines(),
                        "void", n.setter(), target + " " + VALUE, "set(" + n.constant() + ", " + VALUE + ");"));
    }

    private List<String> classDoc(StructuredType type, boolean entity, StructuredType base) {
        StringBuilder facts = new StringBuilder(entity ? "Entity type " : "Complex type ")
                .append(Javadoc.code(type.qualifiedName().toString()));
        if (type.baseType() != null) {
            facts.append(", derived from ").append(Javadoc.code(type.baseType().toString()));
            if (base == null) {
                facts.append(" (not in this document, so the class extends ")
                        .append(entity ? "{@code EntityValue}" : "{@code ComplexValue}").append(")");
            }
        }
        if (type.isAbstract()) {
            facts.append(", abstract");
        }
        if (type.isOpenType()) {
            facts.append(", open: values may carry dynamic properties, read with {@code getValue(name)}");
        }
        if (type instanceof EntityType e) {
            if (e.hasStream()) {
                facts.append(", a media entity");
            }
            List<PropertyRef> key = model.key(e);
            if (!key.isEmpty()) {
                facts.append("; key ").append(key.stream().map(k -> Javadoc.code(k.keyName()))
                        .collect(Collectors.joining(", ")));
            }
        }
        String kind = entity ? "The entity type " : "The complex type ";
        return Javadoc.describing(type.annotations(), kind + Javadoc.code(type.qualifiedName().name()) + ".")
                .paragraph(facts.append('.').toString()).lines();
    }

    private List<String> propertyDoc(Property p, boolean key) {
        StringBuilder facts = new StringBuilder("Property ").append(Javadoc.code(p.name())).append(" of type ")
                .append(Javadoc.code(p.type().toString()));
        if (key) {
            facts.append(", part of the key");
        }
        if (!p.nullable()) {
            facts.append(", not nullable");
        }
        Facets f = p.facets();
        if (f.hasBoundedLength()) {
            facts.append(", at most ").append(f.maxLength()).append(" characters");
        }
        if (f.precision() != null) {
            facts.append(", precision ").append(f.precision());
        }
        if (f.scale() != null) {
            facts.append(", scale ").append(f.scale());
        }
        if (f.srid() != null) {
            facts.append(", SRID ").append(Javadoc.code(f.srid()));
        }
        if (p.defaultValue() != null) {
            facts.append(", service default ").append(Javadoc.code(p.defaultValue()));
        }
        if (p.isComputed()) {
            facts.append(", computed by the service");
        }
        if (p.isImmutable()) {
            facts.append(", cannot change after create");
        }
        Javadoc doc = Javadoc.describing(p.annotations(), "The property " + Javadoc.code(p.name()) + ".")
                .paragraph(facts.append('.').toString());
        TypeDefinition td = mapping.typeDefinition(p.type());
        if (td != null) {
            String tdFacts = "Type definition " + Javadoc.code(td.qualifiedName().toString()) + " of "
                    + Javadoc.code(td.underlyingType().edmName()) + ", used as its underlying type";
            String tdDescription = td.annotations().string(Terms.CORE_DESCRIPTION).filter(s -> !s.isBlank())
                    .map(s -> ": " + Javadoc.escape(s.strip().replaceAll("\\s+", " "))).orElse(".");
            doc.paragraph(tdFacts + tdDescription);
        }
        return doc.lines();
    }

    private List<String> navigationDoc(NavigationProperty nav) {
        StringBuilder facts = new StringBuilder("Navigation property ").append(Javadoc.code(nav.name()))
                .append(" to ").append(nav.collection() ? "a collection of " : "")
                .append(Javadoc.code(nav.targetType().toString()));
        if (!nav.collection()) {
            facts.append(nav.nullable() ? ", optional" : ", required");
        }
        if (nav.containsTarget()) {
            facts.append(", contains its targets");
        }
        if (nav.partner() != null) {
            facts.append(", partner ").append(Javadoc.code(nav.partner()));
        }
        return Javadoc.describing(nav.annotations(), "The navigation property " + Javadoc.code(nav.name()) + ".")
                .paragraph(facts.append('.').toString()).lines();
    }
}
