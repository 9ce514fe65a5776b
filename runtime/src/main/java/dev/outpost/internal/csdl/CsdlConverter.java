package dev.outpost.internal.csdl;

import dev.outpost.model.Annotation;
import dev.outpost.model.AnnotationValue;
import dev.outpost.model.Annotations;
import dev.outpost.model.ComplexType;
import dev.outpost.model.EntityContainer;
import dev.outpost.model.EntitySet;
import dev.outpost.model.EntityType;
import dev.outpost.model.EnumMember;
import dev.outpost.model.EnumType;
import dev.outpost.model.Facets;
import dev.outpost.model.MetadataException;
import dev.outpost.model.NavigationProperty;
import dev.outpost.model.NavigationPropertyBinding;
import dev.outpost.model.OnDeleteAction;
import dev.outpost.model.Operation;
import dev.outpost.model.OperationImport;
import dev.outpost.model.Parameter;
import dev.outpost.model.PrimitiveType;
import dev.outpost.model.Property;
import dev.outpost.model.PropertyRef;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.Reference;
import dev.outpost.model.ReferentialConstraint;
import dev.outpost.model.ReturnType;
import dev.outpost.model.Schema;
import dev.outpost.model.ServiceModel;
import dev.outpost.model.Singleton;
import dev.outpost.model.SourceLocation;
import dev.outpost.model.StructuredType;
import dev.outpost.model.Term;
import dev.outpost.model.TypeDefinition;
import dev.outpost.model.TypeRef;
import org.apache.olingo.client.api.edm.xml.Include;
import org.apache.olingo.client.api.edm.xml.XMLMetadata;
import org.apache.olingo.commons.api.edm.geo.SRID;
import org.apache.olingo.commons.api.edm.provider.CsdlAction;
import org.apache.olingo.commons.api.edm.provider.CsdlActionImport;
import org.apache.olingo.commons.api.edm.provider.CsdlAnnotation;
import org.apache.olingo.commons.api.edm.provider.CsdlAnnotations;
import org.apache.olingo.commons.api.edm.provider.CsdlBindingTarget;
import org.apache.olingo.commons.api.edm.provider.CsdlComplexType;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityContainer;
import org.apache.olingo.commons.api.edm.provider.CsdlEntitySet;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityType;
import org.apache.olingo.commons.api.edm.provider.CsdlEnumMember;
import org.apache.olingo.commons.api.edm.provider.CsdlEnumType;
import org.apache.olingo.commons.api.edm.provider.CsdlFunction;
import org.apache.olingo.commons.api.edm.provider.CsdlFunctionImport;
import org.apache.olingo.commons.api.edm.provider.CsdlNavigationProperty;
import org.apache.olingo.commons.api.edm.provider.CsdlNavigationPropertyBinding;
import org.apache.olingo.commons.api.edm.provider.CsdlOperation;
import org.apache.olingo.commons.api.edm.provider.CsdlParameter;
import org.apache.olingo.commons.api.edm.provider.CsdlProperty;
import org.apache.olingo.commons.api.edm.provider.CsdlPropertyRef;
import org.apache.olingo.commons.api.edm.provider.CsdlReferentialConstraint;
import org.apache.olingo.commons.api.edm.provider.CsdlReturnType;
import org.apache.olingo.commons.api.edm.provider.CsdlSchema;
import org.apache.olingo.commons.api.edm.provider.CsdlSingleton;
import org.apache.olingo.commons.api.edm.provider.CsdlStructuralType;
import org.apache.olingo.commons.api.edm.provider.CsdlTerm;
import org.apache.olingo.commons.api.edm.provider.CsdlTypeDefinition;
import org.apache.olingo.commons.api.edm.provider.annotation.CsdlAnnotationPath;
import org.apache.olingo.commons.api.edm.provider.annotation.CsdlCollection;
import org.apache.olingo.commons.api.edm.provider.annotation.CsdlExpression;
import org.apache.olingo.commons.api.edm.provider.annotation.CsdlConstantExpression;
import org.apache.olingo.commons.api.edm.provider.annotation.CsdlNavigationPropertyPath;
import org.apache.olingo.commons.api.edm.provider.annotation.CsdlNull;
import org.apache.olingo.commons.api.edm.provider.annotation.CsdlPath;
import org.apache.olingo.commons.api.edm.provider.annotation.CsdlPropertyPath;
import org.apache.olingo.commons.api.edm.provider.annotation.CsdlPropertyValue;
import org.apache.olingo.commons.api.edm.provider.annotation.CsdlRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts Olingo's CSDL objects into Outpost's immutable {@link ServiceModel}: resolves
 * aliases, merges external annotations into their targets, attaches source locations, and
 * collects every dangling type reference as a located problem.
 */
final class CsdlConverter {

    /** Element kinds a type reference must name. */
    private enum Expect { ANY, ENTITY, COMPLEX, PRIMITIVE }

    /**
     * Aliases of the standard vocabularies, used only when a document uses them without
     * declaring them (seen in real services).
     */
    private static final Map<String, String> WELL_KNOWN_ALIASES = Map.of(
            "Core", "Org.OData.Core.V1",
            "Capabilities", "Org.OData.Capabilities.V1",
            "Measures", "Org.OData.Measures.V1",
            "Validation", "Org.OData.Validation.V1",
            "Authorization", "Org.OData.Authorization.V1",
            "Aggregation", "Org.OData.Aggregation.V1",
            "Repeatability", "Org.OData.Repeatability.V1",
            "Temporal", "Org.OData.Temporal.V1",
            "JSON", "Org.OData.JSON.V1");

    private final XMLMetadata metadata;
    private final CsdlScan scan;
    private final String source;
    private final Map<String, String> aliases = new HashMap<>();
    private final Set<String> localNamespaces = new HashSet<>();
    private final Set<String> referencedNamespaces = new HashSet<>();
    private final Map<QualifiedName, Expect> declaredTypes = new HashMap<>();
    private final Set<QualifiedName> declaredOperations = new HashSet<>();
    /** External annotations by canonical target, in document order. */
    private final Map<String, List<Annotation>> external = new LinkedHashMap<>();
    private final Set<String> consumedTargets = new HashSet<>();
    private final List<MetadataException.Problem> problems = new ArrayList<>();

    CsdlConverter(XMLMetadata metadata, CsdlScan scan, String source) {
        this.metadata = metadata;
        this.scan = scan;
        this.source = source;
    }

    ServiceModel convert() {
        ServiceModel.Builder model = ServiceModel.builder(source).odataVersion(scan.version());
        collectNamespaces(model);
        collectExternalAnnotations();

        List<EntityType> entityTypes = new ArrayList<>();
        List<ComplexType> complexTypes = new ArrayList<>();
        EntityContainer container = null;
        for (CsdlSchema s : metadata.getSchemas()) {
            String ns = s.getNamespace();
            model.schema(new Schema(ns, s.getAlias(), annotations(ns, ns, s.getAnnotations()), scan.location(ns)));
            for (CsdlEnumType e : s.getEnumTypes()) {
                model.enumType(enumType(ns, e));
            }
            for (CsdlTypeDefinition t : s.getTypeDefinitions()) {
                model.typeDefinition(typeDefinition(ns, t));
            }
            for (CsdlEntityType t : s.getEntityTypes()) {
                EntityType et = entityType(ns, t);
                entityTypes.add(et);
                model.entityType(et);
            }
            for (CsdlComplexType t : s.getComplexTypes()) {
                ComplexType ct = complexType(ns, t);
                complexTypes.add(ct);
                model.complexType(ct);
            }
            Map<String, Integer> overloads = new HashMap<>();
            for (CsdlAction a : s.getActions()) {
                model.operation(operation(ns, a, Operation.Kind.ACTION, false, overloads));
            }
            for (CsdlFunction f : s.getFunctions()) {
                model.operation(operation(ns, f, Operation.Kind.FUNCTION, f.isComposable(), overloads));
            }
            for (CsdlTerm t : s.getTerms()) {
                model.term(term(ns, t));
            }
            if (s.getEntityContainer() != null) {
                if (container != null) {
                    problem(scan.location(ns + "." + s.getEntityContainer().getName()),
                            "a second entity container '" + s.getEntityContainer().getName()
                                    + "'; a service has exactly one");
                } else {
                    container = container(ns, s.getEntityContainer());
                    model.container(container);
                }
            }
        }
        checkHierarchies(entityTypes, complexTypes);
        checkKeys(entityTypes, complexTypes);
        external.forEach((target, list) -> {
            if (!consumedTargets.contains(target)) {
                list.forEach(model::unresolvedAnnotation);
            }
        });
        if (!problems.isEmpty()) {
            throw new MetadataException(problems);
        }
        return model.build();
    }

    // ---- namespaces and aliases -------------------------------------------------------------

    private void collectNamespaces(ServiceModel.Builder model) {
        for (org.apache.olingo.client.api.edm.xml.Reference r : metadata.getReferences()) {
            List<Reference.Include> includes = new ArrayList<>();
            for (Include i : r.getIncludes()) {
                includes.add(new Reference.Include(i.getNamespace(), i.getAlias()));
                referencedNamespaces.add(i.getNamespace());
                if (i.getAlias() != null) {
                    aliases.put(i.getAlias(), i.getNamespace());
                }
            }
            model.reference(new Reference(r.getUri() == null ? null : r.getUri().toString(), includes));
        }
        for (CsdlSchema s : metadata.getSchemas()) {
            localNamespaces.add(s.getNamespace());
            if (s.getAlias() != null) {
                aliases.put(s.getAlias(), s.getNamespace());
            }
        }
        for (CsdlSchema s : metadata.getSchemas()) {
            String ns = s.getNamespace();
            s.getEntityTypes().forEach(t -> declaredTypes.put(new QualifiedName(ns, t.getName()), Expect.ENTITY));
            s.getComplexTypes().forEach(t -> declaredTypes.put(new QualifiedName(ns, t.getName()), Expect.COMPLEX));
            s.getEnumTypes().forEach(t -> declaredTypes.put(new QualifiedName(ns, t.getName()), Expect.ANY));
            s.getTypeDefinitions().forEach(t -> declaredTypes.put(new QualifiedName(ns, t.getName()), Expect.ANY));
            s.getActions().forEach(a -> declaredOperations.add(new QualifiedName(ns, a.getName())));
            s.getFunctions().forEach(f -> declaredOperations.add(new QualifiedName(ns, f.getName())));
        }
    }

    /** Resolves an alias-qualified or namespace-qualified name. */
    private QualifiedName name(String raw) {
        QualifiedName q = QualifiedName.parse(raw.trim());
        String ns = aliases.get(q.namespace());
        if (ns == null && !localNamespaces.contains(q.namespace()) && !referencedNamespaces.contains(q.namespace())) {
            ns = WELL_KNOWN_ALIASES.get(q.namespace());
        }
        return ns == null ? q : new QualifiedName(ns, q.name());
    }

    /** Resolves a name like {@link #name}; one that is not qualified is a problem located at {@code at}. */
    private QualifiedName qualified(String raw, SourceLocation at, String role) {
        try {
            return name(raw);
        } catch (IllegalArgumentException e) {
            problem(at, role + " '" + raw + "' is not a qualified name; write Namespace.Name or Alias.Name");
            return new QualifiedName("", raw);
        }
    }

    /** Resolves aliases in every dotted segment of a path such as {@code Alias.Type/Prop} or {@code Alias.Op(Alias.T)}. */
    private String canonicalTarget(String raw) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= raw.length(); i++) {
            char c = i < raw.length() ? raw.charAt(i) : '/';
            if (c == '(' || c == ')' || c == ',' || (c == '/' && depth == 0)) {
                out.append(canonicalSegment(raw.substring(start, i)));
                if (i < raw.length()) {
                    out.append(c);
                }
                start = i + 1;
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
            }
        }
        return out.toString();
    }

    private String canonicalSegment(String segment) {
        String s = segment.trim();
        if (s.equals("Collection") || s.isEmpty() || s.indexOf('.') <= 0 || s.endsWith(".") || s.startsWith("$")) {
            return s;
        }
        return name(s).toString();
    }

    // ---- annotations --------------------------------------------------------------------------

    private void collectExternalAnnotations() {
        for (CsdlSchema s : metadata.getSchemas()) {
            for (CsdlAnnotations group : s.getAnnotationGroups()) {
                String rawTarget = group.getTarget();
                if (rawTarget == null) {
                    continue;
                }
                String blockPath = "@Annotations:" + rawTarget + (group.getQualifier() != null ? "#" + group.getQualifier() : "");
                String target = canonicalTarget(rawTarget);
                List<Annotation> list = external.computeIfAbsent(target, k -> new ArrayList<>());
                for (CsdlAnnotation a : group.getAnnotations()) {
                    String qualifier = a.getQualifier() != null ? a.getQualifier() : group.getQualifier();
                    list.add(annotation(blockPath, a, qualifier));
                }
            }
        }
    }

    private Annotation annotation(String ownerPath, CsdlAnnotation a, String qualifier) {
        String rawTerm = a.getTerm();
        SourceLocation at = scan.location(ownerPath + "@" + rawTerm + (a.getQualifier() != null ? "#" + a.getQualifier() : ""));
        return new Annotation(qualified(rawTerm, at, "annotation term"), qualifier, value(a.getExpression(), at), at);
    }

    /**
     * The annotations of one element: inline ones, then external ones whose target is one of
     * {@code targets} (its canonical path, plus alternative spellings such as an operation overload).
     */
    private Annotations annotations(String ownerPath, String target, List<CsdlAnnotation> inline, String... moreTargets) {
        List<Annotation> all = new ArrayList<>();
        for (CsdlAnnotation a : inline) {
            all.add(annotation(ownerPath, a, a.getQualifier()));
        }
        addExternal(all, target);
        for (String t : moreTargets) {
            addExternal(all, t);
        }
        return all.isEmpty() ? Annotations.NONE : new Annotations(all);
    }

    private void addExternal(List<Annotation> into, String target) {
        List<Annotation> ext = external.get(target);
        if (ext != null) {
            into.addAll(ext);
            consumedTargets.add(target);
        }
    }

    private AnnotationValue value(CsdlExpression e, SourceLocation at) {
        if (e == null) {
            return new AnnotationValue.Absent();
        }
        if (e instanceof CsdlConstantExpression c) {
            AnnotationValue.ConstantKind kind = switch (c.getType()) {
                case Binary -> AnnotationValue.ConstantKind.BINARY;
                case Bool -> AnnotationValue.ConstantKind.BOOL;
                case Date -> AnnotationValue.ConstantKind.DATE;
                case DateTimeOffset -> AnnotationValue.ConstantKind.DATE_TIME_OFFSET;
                case Decimal -> AnnotationValue.ConstantKind.DECIMAL;
                case Duration -> AnnotationValue.ConstantKind.DURATION;
                case EnumMember -> AnnotationValue.ConstantKind.ENUM_MEMBER;
                case Float -> AnnotationValue.ConstantKind.FLOAT;
                case Guid -> AnnotationValue.ConstantKind.GUID;
                case Int -> AnnotationValue.ConstantKind.INT;
                case String -> AnnotationValue.ConstantKind.STRING;
                case TimeOfDay -> AnnotationValue.ConstantKind.TIME_OF_DAY;
            };
            String text = c.getValue();
            if (kind == AnnotationValue.ConstantKind.ENUM_MEMBER && text != null) {
                StringBuilder members = new StringBuilder();
                for (String m : text.trim().split("\\s+")) {
                    if (members.length() > 0) {
                        members.append(' ');
                    }
                    members.append(m.contains("/") ? canonicalTarget(m) : m);
                }
                text = members.toString();
            }
            return new AnnotationValue.Constant(kind, text == null ? "" : text);
        }
        if (e instanceof CsdlPropertyPath p) {
            return new AnnotationValue.Path(AnnotationValue.PathKind.PROPERTY_PATH, p.getValue());
        }
        if (e instanceof CsdlNavigationPropertyPath p) {
            return new AnnotationValue.Path(AnnotationValue.PathKind.NAVIGATION_PROPERTY_PATH, p.getValue());
        }
        if (e instanceof CsdlAnnotationPath p) {
            return new AnnotationValue.Path(AnnotationValue.PathKind.ANNOTATION_PATH, p.getValue());
        }
        if (e instanceof CsdlPath p) {
            return new AnnotationValue.Path(AnnotationValue.PathKind.PATH, p.getValue());
        }
        if (e instanceof CsdlRecord r) {
            List<AnnotationValue.PropertyValue> props = new ArrayList<>();
            for (CsdlPropertyValue pv : r.getPropertyValues()) {
                props.add(new AnnotationValue.PropertyValue(pv.getProperty(), value(pv.getValue(), at)));
            }
            return new AnnotationValue.RecordValue(r.getType() == null || r.getType().isBlank() ? null
                    : qualified(r.getType(), at, "record type"), props);
        }
        if (e instanceof CsdlCollection c) {
            List<AnnotationValue> items = new ArrayList<>();
            for (CsdlExpression item : c.getItems()) {
                items.add(value(item, at));
            }
            return new AnnotationValue.CollectionValue(items);
        }
        if (e instanceof CsdlNull) {
            return new AnnotationValue.Null();
        }
        String kind = e.getClass().getSimpleName().replace("ClientCsdl", "").replace("Csdl", "");
        return new AnnotationValue.Expression(kind);
    }

    // ---- types --------------------------------------------------------------------------------

    private void problem(SourceLocation at, String message) {
        problems.add(new MetadataException.Problem(at, message));
    }

    /**
     * Resolves and checks a type name. Types in referenced documents are accepted unresolved;
     * anything else that does not exist is a problem located at {@code ownerPath}.
     */
    private QualifiedName checkedType(String raw, String ownerPath, String role, Expect expect) {
        if (raw == null || raw.isBlank()) {
            problem(scan.location(ownerPath), role + " has no type; add a Type attribute");
            return new QualifiedName(PrimitiveType.EDM, "Untyped");
        }
        QualifiedName q;
        try {
            q = name(raw);
        } catch (IllegalArgumentException e) {
            problem(scan.location(ownerPath), role + " has type '" + raw + "', which is not a qualified name;"
                    + " write Namespace.Type or Alias.Type");
            return new QualifiedName(PrimitiveType.EDM, "Untyped");
        }
        if (PrimitiveType.EDM.equals(q.namespace())) {
            if (PrimitiveType.of(q).isEmpty()) {
                problem(scan.location(ownerPath), role + " has type '" + raw + "', which is not an Edm primitive type;"
                        + " use one of Edm.String, Edm.Int32, Edm.Decimal, ...");
            } else if (expect == Expect.ENTITY || expect == Expect.COMPLEX) {
                problem(scan.location(ownerPath), role + " must name " + (expect == Expect.ENTITY ? "an entity" : "a complex")
                        + " type, but '" + raw + "' is primitive");
            }
            return q;
        }
        if (localNamespaces.contains(q.namespace())) {
            Expect kind = declaredTypes.get(q);
            if (kind == null) {
                problem(scan.location(ownerPath), role + " has type '" + raw + "', which does not exist in schema '"
                        + q.namespace() + "'; declare the type or correct the name");
            } else if (expect == Expect.PRIMITIVE) {
                problem(scan.location(ownerPath), role + " must be a primitive type, but '" + raw + "' is a model type");
            } else if (expect != Expect.ANY && kind != expect) {
                problem(scan.location(ownerPath), role + " must name " + (expect == Expect.ENTITY ? "an entity" : "a complex")
                        + " type, but '" + raw + "' is not one");
            }
            return q;
        }
        if (referencedNamespaces.contains(q.namespace())) {
            return q; // declared in a referenced document: tolerated, stays unresolved
        }
        problem(scan.location(ownerPath), role + " has type '" + raw + "', but namespace '" + q.namespace()
                + "' is neither declared here nor included by an edmx:Reference; declare or reference it");
        return q;
    }

    private TypeRef typeRef(String raw, boolean collection, String ownerPath, String role) {
        return new TypeRef(checkedType(raw, ownerPath, role, Expect.ANY), collection);
    }

    private PrimitiveType primitive(String raw, String ownerPath, String role, PrimitiveType fallback) {
        if (raw == null) {
            return fallback;
        }
        QualifiedName q = checkedType(raw, ownerPath, role, Expect.PRIMITIVE);
        return PrimitiveType.of(q).orElse(fallback);
    }

    private static Facets facets(Integer maxLength, Integer precision, Integer scale, String scaleText, SRID srid,
                                 Boolean unicode) {
        boolean variable = scaleText != null && ("variable".equalsIgnoreCase(scaleText) || "floating".equalsIgnoreCase(scaleText));
        Integer fixedScale = variable ? null : scale;
        String sridText = srid == null ? null : srid.toString();
        if (maxLength == null && precision == null && fixedScale == null && !variable && sridText == null && unicode == null) {
            return Facets.NONE;
        }
        return new Facets(maxLength, precision, fixedScale, variable, sridText, unicode);
    }

    private EnumType enumType(String ns, CsdlEnumType e) {
        String path = ns + "." + e.getName();
        List<EnumMember> members = new ArrayList<>();
        long next = 0;
        for (CsdlEnumMember m : e.getMembers()) {
            String memberPath = path + "/" + m.getName();
            long value = next;
            if (m.getValue() != null) {
                try {
                    value = Long.parseLong(m.getValue().trim());
                } catch (NumberFormatException ex) {
                    problem(scan.location(memberPath), "enum member '" + m.getName() + "' has value '" + m.getValue()
                            + "', which is not an integer");
                }
            }
            next = value + 1;
            members.add(new EnumMember(m.getName(), value, annotations(memberPath, memberPath, m.getAnnotations()),
                    scan.location(memberPath)));
        }
        PrimitiveType underlying = primitive(e.getUnderlyingType(), path, "enum type '" + path + "' underlying type",
                PrimitiveType.INT32);
        return new EnumType(new QualifiedName(ns, e.getName()), underlying, e.isFlags(), members,
                annotations(path, path, e.getAnnotations()), scan.location(path));
    }

    private TypeDefinition typeDefinition(String ns, CsdlTypeDefinition t) {
        String path = ns + "." + t.getName();
        PrimitiveType underlying = primitive(t.getUnderlyingType(), path, "type definition '" + path + "'", PrimitiveType.STRING);
        return new TypeDefinition(new QualifiedName(ns, t.getName()), underlying,
                facets(t.getMaxLength(), t.getPrecision(), t.getScale(), null, t.getSrid(), t.isUnicode() ? null : Boolean.FALSE),
                annotations(path, path, t.getAnnotations()), scan.location(path));
    }

    private EntityType entityType(String ns, CsdlEntityType t) {
        String path = ns + "." + t.getName();
        List<PropertyRef> key = new ArrayList<>();
        if (t.getKey() != null) {
            for (CsdlPropertyRef ref : t.getKey()) {
                key.add(new PropertyRef(ref.getName(), ref.getAlias()));
            }
        }
        QualifiedName base = t.getBaseType() == null ? null
                : checkedType(t.getBaseType(), path, "base type of entity type '" + path + "'", Expect.ENTITY);
        return new EntityType(new QualifiedName(ns, t.getName()), base, t.isAbstract(), t.isOpenType(), t.hasStream(),
                key, properties(path, t), navigationProperties(path, t), annotations(path, path, t.getAnnotations()),
                scan.location(path));
    }

    private ComplexType complexType(String ns, CsdlComplexType t) {
        String path = ns + "." + t.getName();
        QualifiedName base = t.getBaseType() == null ? null
                : checkedType(t.getBaseType(), path, "base type of complex type '" + path + "'", Expect.COMPLEX);
        return new ComplexType(new QualifiedName(ns, t.getName()), base, t.isAbstract(), t.isOpenType(),
                properties(path, t), navigationProperties(path, t), annotations(path, path, t.getAnnotations()),
                scan.location(path));
    }

    private List<Property> properties(String typePath, CsdlStructuralType t) {
        List<Property> list = new ArrayList<>();
        for (CsdlProperty p : t.getProperties()) {
            String path = typePath + "/" + p.getName();
            TypeRef type = typeRef(p.getType(), p.isCollection(), path, "property '" + path + "'");
            list.add(new Property(p.getName(), type, p.isNullable(),
                    facets(p.getMaxLength(), p.getPrecision(), p.getScale(), p.getScaleAsString(), p.getSrid(),
                            p.isUnicode() ? null : Boolean.FALSE),
                    p.getDefaultValue(), annotations(path, path, p.getAnnotations()), scan.location(path)));
        }
        return list;
    }

    private List<NavigationProperty> navigationProperties(String typePath, CsdlStructuralType t) {
        List<NavigationProperty> list = new ArrayList<>();
        for (CsdlNavigationProperty n : t.getNavigationProperties()) {
            String path = typePath + "/" + n.getName();
            QualifiedName target = checkedType(n.getType(), path, "navigation property '" + path + "'", Expect.ENTITY);
            List<ReferentialConstraint> constraints = new ArrayList<>();
            for (CsdlReferentialConstraint rc : n.getReferentialConstraints()) {
                constraints.add(new ReferentialConstraint(rc.getProperty(), rc.getReferencedProperty()));
            }
            OnDeleteAction onDelete = null;
            if (n.getOnDelete() != null && n.getOnDelete().getAction() != null) {
                onDelete = switch (n.getOnDelete().getAction()) {
                    case Cascade -> OnDeleteAction.CASCADE;
                    case None -> OnDeleteAction.NONE;
                    case SetNull -> OnDeleteAction.SET_NULL;
                    case SetDefault -> OnDeleteAction.SET_DEFAULT;
                };
            }
            boolean nullable = n.isNullable() == null || n.isNullable();
            list.add(new NavigationProperty(n.getName(), target, n.isCollection(), nullable, n.getPartner(),
                    n.isContainsTarget(), constraints, onDelete, annotations(path, path, n.getAnnotations()),
                    scan.location(path)));
        }
        return list;
    }

    // ---- operations, terms, container ----------------------------------------------------------

    private Operation operation(String ns, CsdlOperation o, Operation.Kind kind, boolean composable,
                                Map<String, Integer> overloads) {
        String base = ns + "." + o.getName();
        int index = overloads.merge(base, 1, Integer::sum) - 1;
        String path = index == 0 ? base : base + "[" + index + "]";
        List<Parameter> parameters = new ArrayList<>();
        List<String> signature = new ArrayList<>();
        for (CsdlParameter p : o.getParameters()) {
            String ppath = path + "/" + p.getName();
            TypeRef type = typeRef(p.getType(), p.isCollection(), ppath, "parameter '" + p.getName() + "' of '" + base + "'");
            signature.add(type.toString());
            parameters.add(new Parameter(p.getName(), type, p.isNullable(),
                    facets(p.getMaxLength(), p.getPrecision(), p.getScale(), null, p.getSrid(), null),
                    annotations(ppath, base + "/" + p.getName(), p.getAnnotations())));
        }
        ReturnType returnType = null;
        CsdlReturnType rt = o.getReturnType();
        if (rt != null) {
            TypeRef type = typeRef(rt.getType(), rt.isCollection(), path + "/$ReturnType", "return type of '" + base + "'");
            returnType = new ReturnType(type, rt.isNullable(),
                    facets(rt.getMaxLength(), rt.getPrecision(), rt.getScale(), null, rt.getSrid(), null));
        }
        // An overload is targeted as Ns.Action(BindingType) or Ns.Function(T1,T2,...).
        List<String> targetSignature = kind == Operation.Kind.ACTION
                ? (o.isBound() && !signature.isEmpty() ? List.of(signature.get(0)) : List.of())
                : (o.isBound() ? signature : signature);
        String overloadTarget = base + "(" + String.join(",", targetSignature) + ")";
        return new Operation(kind, new QualifiedName(ns, o.getName()), o.isBound(), composable, parameters, returnType,
                o.getEntitySetPath(), annotations(path, base, o.getAnnotations(), overloadTarget), scan.location(path));
    }

    private Term term(String ns, CsdlTerm t) {
        String path = ns + "." + t.getName();
        String rawType = t.getType();
        boolean collection = rawType != null && rawType.startsWith("Collection(");
        if (collection) {
            rawType = rawType.substring("Collection(".length(), rawType.length() - 1);
        }
        TypeRef type = typeRef(rawType, collection, path, "term '" + path + "'");
        return new Term(new QualifiedName(ns, t.getName()), type, t.getBaseTerm() == null ? null
                : qualified(t.getBaseTerm(), scan.location(path), "base term"),
                t.getAppliesTo() == null ? List.of() : t.getAppliesTo(), annotations(path, path, t.getAnnotations()),
                scan.location(path));
    }

    private EntityContainer container(String ns, CsdlEntityContainer c) {
        String path = ns + "." + c.getName();
        List<EntitySet> sets = new ArrayList<>();
        for (CsdlEntitySet s : c.getEntitySets()) {
            String spath = path + "/" + s.getName();
            QualifiedName type = checkedType(s.getType(), spath, "entity set '" + s.getName() + "'", Expect.ENTITY);
            sets.add(new EntitySet(s.getName(), type, bindings(s), s.isIncludeInServiceDocument(),
                    annotations(spath, spath, s.getAnnotations()), scan.location(spath)));
        }
        List<Singleton> singletons = new ArrayList<>();
        for (CsdlSingleton s : c.getSingletons()) {
            String spath = path + "/" + s.getName();
            QualifiedName type = checkedType(s.getType(), spath, "singleton '" + s.getName() + "'", Expect.ENTITY);
            singletons.add(new Singleton(s.getName(), type, bindings(s), annotations(spath, spath, s.getAnnotations()),
                    scan.location(spath)));
        }
        List<OperationImport> imports = new ArrayList<>();
        for (CsdlActionImport a : c.getActionImports()) {
            imports.add(operationImport(path, a.getName(), a.getAction(), Operation.Kind.ACTION, a.getEntitySet(), false,
                    a.getAnnotations()));
        }
        for (CsdlFunctionImport f : c.getFunctionImports()) {
            imports.add(operationImport(path, f.getName(), f.getFunction(), Operation.Kind.FUNCTION, f.getEntitySet(),
                    f.isIncludeInServiceDocument(), f.getAnnotations()));
        }
        QualifiedName extendsContainer = c.getExtendsContainer() == null ? null
                : qualified(c.getExtendsContainer(), scan.location(path), "the container it extends,");
        return new EntityContainer(new QualifiedName(ns, c.getName()), extendsContainer, sets, singletons, imports,
                annotations(path, path, c.getAnnotations()), scan.location(path));
    }

    private OperationImport operationImport(String containerPath, String name, String rawOperation, Operation.Kind kind,
                                            String entitySet, boolean inServiceDocument, List<CsdlAnnotation> inline) {
        String path = containerPath + "/" + name;
        QualifiedName operation = null;
        if (rawOperation == null) {
            problem(scan.location(path), (kind == Operation.Kind.ACTION ? "action" : "function") + " import '" + name
                    + "' names no operation");
        } else {
            operation = qualified(rawOperation, scan.location(path), "the imported operation");
            if (localNamespaces.contains(operation.namespace()) && !declaredOperations.contains(operation)) {
                problem(scan.location(path), (kind == Operation.Kind.ACTION ? "action" : "function") + " import '" + name
                        + "' imports '" + rawOperation + "', which does not exist; declare it or correct the name");
            }
        }
        return new OperationImport(kind, name, operation, entitySet, inServiceDocument,
                annotations(path, path, inline), scan.location(path));
    }

    private static List<NavigationPropertyBinding> bindings(CsdlBindingTarget target) {
        List<NavigationPropertyBinding> list = new ArrayList<>();
        for (CsdlNavigationPropertyBinding b : target.getNavigationPropertyBindings()) {
            list.add(new NavigationPropertyBinding(b.getPath(), b.getTarget()));
        }
        return list;
    }

    // ---- whole-model checks -------------------------------------------------------------------

    private void checkHierarchies(List<EntityType> entityTypes, List<ComplexType> complexTypes) {
        Map<QualifiedName, StructuredType> all = new HashMap<>();
        entityTypes.forEach(t -> all.put(t.qualifiedName(), t));
        complexTypes.forEach(t -> all.put(t.qualifiedName(), t));
        for (StructuredType t : all.values()) {
            Set<QualifiedName> seen = new HashSet<>();
            for (StructuredType cur = t; cur != null && cur.baseType() != null; cur = all.get(cur.baseType())) {
                if (!seen.add(cur.qualifiedName())) {
                    problem(t.location(), "type '" + t.qualifiedName() + "' inherits from itself through its base types;"
                            + " break the BaseType cycle");
                    break;
                }
            }
        }
    }

    private void checkKeys(List<EntityType> entityTypes, List<ComplexType> complexTypes) {
        Map<QualifiedName, StructuredType> all = new HashMap<>();
        entityTypes.forEach(t -> all.put(t.qualifiedName(), t));
        complexTypes.forEach(t -> all.put(t.qualifiedName(), t));
        for (EntityType t : entityTypes) {
            for (PropertyRef ref : t.declaredKey()) {
                int slash = ref.path().indexOf('/');
                String first = slash < 0 ? ref.path() : ref.path().substring(0, slash);
                boolean found = false;
                Set<QualifiedName> seen = new HashSet<>();
                for (StructuredType cur = t; cur != null && !found && seen.add(cur.qualifiedName());
                     cur = cur.baseType() == null ? null : all.get(cur.baseType())) {
                    found = cur.declaredProperty(first).isPresent();
                }
                if (!found) {
                    String path = t.qualifiedName() + "/$Key/" + ref.path();
                    problem(scan.has(path) ? scan.location(path) : t.location(), "key property '" + ref.path()
                            + "' of entity type '" + t.qualifiedName() + "' is not a property of the type; add the property"
                            + " or correct the PropertyRef");
                }
            }
        }
    }
}
