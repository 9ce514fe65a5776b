package dev.outpost.internal.schema;

import dev.outpost.model.ComplexType;
import dev.outpost.model.EntitySet;
import dev.outpost.model.EntityType;
import dev.outpost.model.EnumType;
import dev.outpost.model.ModelType;
import dev.outpost.model.NavigationProperty;
import dev.outpost.model.PrimitiveType;
import dev.outpost.model.Property;
import dev.outpost.model.PropertyRef;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.ReferentialConstraint;
import dev.outpost.model.ServiceModel;
import dev.outpost.model.Singleton;
import dev.outpost.model.StructuredType;
import dev.outpost.model.TypeDefinition;
import dev.outpost.model.NavigationPropertyBinding;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Maps a service model to its local SQLite schema: a table per entity set and singleton with
 * complex properties flattened ({@code SiteAddress/City}), collections as JSON, every derived
 * type's properties in its set's table, and each navigation kept either as a reference column
 * ({@code Customer$lid}) or in a link table. Deterministic: the same model maps to the same schema.
 */
public final class SchemaMapper {

    /** Local-only sets the store serves itself; a service set of that name takes precedence. */
    public static final List<String> SYSTEM_SETS = List.of("EventLog", "ErrorArchive", "RequestQueue");

    private final ServiceModel model;
    private final Map<String, EntityTable> tables = new LinkedHashMap<>();
    private final Map<String, LinkTable> linkTables = new TreeMap<>();
    private final List<Relationship> relationships = new ArrayList<>();

    private SchemaMapper(ServiceModel model) {
        this.model = model;
    }

    /** Maps the model. */
    public static StoreSchema map(ServiceModel model) {
        return new SchemaMapper(model).run();
    }

    private StoreSchema run() {
        String service = model.container().map(c -> c.qualifiedName().toString())
                .orElseThrow(() -> new IllegalArgumentException("the service has no entity container; nothing to store"));
        for (EntitySet set : model.entitySets()) {
            model.entityType(set.entityType()).ifPresent(t -> tables.put(set.name(), table(set.name(), t, false)));
        }
        for (Singleton s : model.singletons()) {
            model.entityType(s.type()).ifPresent(t -> tables.put(s.name(), table(s.name(), t, true)));
        }
        for (EntitySet set : model.entitySets()) {
            model.entityType(set.entityType()).ifPresent(t -> relationships(set.name(), t, set.navigationPropertyBindings()));
        }
        for (Singleton s : model.singletons()) {
            model.entityType(s.type()).ifPresent(t -> relationships(s.name(), t, s.navigationPropertyBindings()));
        }
        return new StoreSchema(StoreSchema.FORMAT_VERSION, service, List.copyOf(tables.values()),
                List.copyOf(linkTables.values()), relationships);
    }

    // ---- tables --------------------------------------------------------------------------------

    private EntityTable table(String setName, EntityType type, boolean singleton) {
        Map<String, Column> columns = new LinkedHashMap<>();
        List<StructuredType> types = new ArrayList<>(model.hierarchy(type));
        collectDerived(type, types);
        for (StructuredType t : types) {
            for (Property p : t.declaredProperties()) {
                addProperty(columns, List.of(), p, t.qualifiedName().toString(), new ArrayDeque<>());
            }
            if (t.isOpenType() && !columns.containsKey("$dynamic")) {
                columns.put("$dynamic", new Column("$dynamic", Column.Role.DYNAMIC, List.of(), "Edm.Untyped", false,
                        SqlType.TEXT, null, t.qualifiedName().toString()));
            }
        }
        for (StructuredType t : types) {
            for (NavigationProperty n : t.declaredNavigationProperties()) {
                if (!n.collection()) {
                    String name = n.name() + "$lid";
                    columns.putIfAbsent(name, new Column(name, Column.Role.REFERENCE, List.of(n.name()),
                            n.targetType().toString(), false, SqlType.INTEGER, null, t.qualifiedName().toString()));
                }
            }
        }
        List<String> keyColumns = new ArrayList<>();
        for (PropertyRef ref : model.key(type)) {
            String column = String.join("/", ref.path().split("/"));
            if (columns.containsKey(column)) {
                keyColumns.add(column);
            }
        }
        String table = setName;
        List<EntityTable.Index> indexes = new ArrayList<>();
        if (!keyColumns.isEmpty() && keyColumns.size() == model.key(type).size()) {
            indexes.add(new EntityTable.Index("$key." + table, keyColumns, true));
        }
        for (StructuredType t : types) {
            for (NavigationProperty n : t.declaredNavigationProperties()) {
                if (!n.collection()) {
                    indexes.add(new EntityTable.Index("$ref." + table + "." + n.name(), List.of(n.name() + "$lid"), false));
                }
                List<String> fk = new ArrayList<>();
                for (ReferentialConstraint rc : n.referentialConstraints()) {
                    if (columns.containsKey(rc.property())) {
                        fk.add(rc.property());
                    }
                }
                if (!fk.isEmpty() && !fk.equals(keyColumns)) {
                    String name = "$fk." + table + "." + n.name();
                    if (indexes.stream().noneMatch(i -> i.columns().equals(fk))) {
                        indexes.add(new EntityTable.Index(name, fk, false));
                    }
                }
            }
        }
        return new EntityTable(setName, table, type.qualifiedName().toString(), singleton, keyColumns,
                List.copyOf(columns.values()), dedupe(indexes));
    }

    private static List<EntityTable.Index> dedupe(List<EntityTable.Index> indexes) {
        Map<String, EntityTable.Index> byName = new LinkedHashMap<>();
        for (EntityTable.Index i : indexes) {
            byName.putIfAbsent(i.name(), i);
        }
        return List.copyOf(byName.values());
    }

    private void collectDerived(StructuredType type, List<StructuredType> into) {
        for (StructuredType d : model.derivedTypes(type)) {
            into.add(d);
            collectDerived(d, into);
        }
    }

    /** Adds the columns of one property under a complex path; recursion through complex types stops at JSON. */
    private void addProperty(Map<String, Column> columns, List<String> prefix, Property p, String declaringType,
                             Deque<QualifiedName> complexChain) {
        List<String> path = new ArrayList<>(prefix);
        path.add(p.name());
        String name = String.join("/", path);
        ModelType type = model.resolve(p.type().name());
        if (p.type().collection()) {
            put(columns, new Column(name, Column.Role.PROPERTY, path, p.type().name().toString(), true, SqlType.TEXT,
                    null, declaringType));
            return;
        }
        if (type instanceof ComplexType complex && !complexChain.contains(complex.qualifiedName())) {
            put(columns, new Column(name, Column.Role.COMPLEX_PRESENT, path, complex.qualifiedName().toString(), false,
                    SqlType.INTEGER, null, declaringType));
            complexChain.push(complex.qualifiedName());
            List<StructuredType> complexTypes = new ArrayList<>(model.hierarchy(complex));
            collectDerived(complex, complexTypes);
            for (StructuredType t : complexTypes) {
                for (Property sub : t.declaredProperties()) {
                    addProperty(columns, path, sub, declaringType, complexChain);
                }
            }
            complexChain.pop();
            return;
        }
        PrimitiveType primitive = primitiveOf(type);
        if (primitive == null) {
            // recursive complex types, entity-typed properties and types of referenced documents
            put(columns, new Column(name, Column.Role.PROPERTY, path, p.type().name().toString(), false, SqlType.TEXT,
                    null, declaringType));
            return;
        }
        String edmType = type instanceof EnumType e ? e.qualifiedName().toString() : primitive.edmName();
        put(columns, new Column(name, Column.Role.PROPERTY, path, edmType, false, sqlType(type, primitive),
                primitive == PrimitiveType.DECIMAL ? "DECIMAL" : null, declaringType));
        if (primitive == PrimitiveType.DATE_TIME_OFFSET) {
            put(columns, new Column(name + "$offset", Column.Role.OFFSET, path, edmType, false, SqlType.INTEGER, null,
                    declaringType));
        }
    }

    /** Adds a column; a same-named column of a sibling type with another type gets a suffix. */
    private static void put(Map<String, Column> columns, Column c) {
        Column existing = columns.get(c.name());
        if (existing == null) {
            columns.put(c.name(), c);
        } else if (!existing.edmType().equals(c.edmType()) || existing.role() != c.role()
                || existing.collection() != c.collection()) {
            String suffixed = c.name() + "$" + QualifiedName.parse(c.declaringType()).name();
            columns.putIfAbsent(suffixed, new Column(suffixed, c.role(), c.path(), c.edmType(), c.collection(),
                    c.sqlType(), c.collation(), c.declaringType()));
        }
    }

    private PrimitiveType primitiveOf(ModelType type) {
        if (type instanceof PrimitiveType p) {
            return p;
        } else if (type instanceof TypeDefinition d) {
            return d.underlyingType();
        } else if (type instanceof EnumType e) {
            return e.underlyingType();
        }
        return null;
    }

    private static SqlType sqlType(ModelType type, PrimitiveType p) {
        if (type instanceof EnumType) {
            return SqlType.INTEGER;
        }
        return switch (p.family()) {
            case BOOLEAN, INTEGER, DURATION -> SqlType.INTEGER;
            case FLOATING -> SqlType.REAL;
            case BINARY -> SqlType.BLOB;
            default -> SqlType.TEXT;
        };
    }

    // ---- relationships ------------------------------------------------------------------------

    private void relationships(String setName, EntityType type, List<NavigationPropertyBinding> bindings) {
        List<StructuredType> types = new ArrayList<>(model.hierarchy(type));
        collectDerived(type, types);
        for (StructuredType t : types) {
            for (NavigationProperty n : t.declaredNavigationProperties()) {
                String target = bindingTarget(bindings, t, type, n.name());
                if (target == null || !tables.containsKey(target) || n.containsTarget()) {
                    continue; // unbound or contained: the validator reports it; the store keeps no relationship
                }
                relationships.add(relationship(setName, n, target));
            }
        }
    }

    private static String bindingTarget(List<NavigationPropertyBinding> bindings, StructuredType declaring,
                                        EntityType setType, String navigation) {
        for (NavigationPropertyBinding b : bindings) {
            String path = b.path();
            if (path.equals(navigation) || path.equals(declaring.qualifiedName() + "/" + navigation)) {
                String target = b.target();
                int slash = target.lastIndexOf('/');
                return slash >= 0 ? target.substring(slash + 1) : target;
            }
        }
        return null;
    }

    private Relationship relationship(String setName, NavigationProperty n, String targetSet) {
        Optional<NavigationProperty> partner = partner(n, targetSet, setName);
        if (!n.collection()) {
            if (partner.isPresent() && !partner.get().collection() && !ownsOneToOne(setName, n, targetSet, partner.get())) {
                return new Relationship(setName, n.name(), targetSet, false, Relationship.Storage.REVERSE_REFERENCE,
                        targetSet, partner.get().name() + "$lid", null, n.partner(), false);
            }
            return new Relationship(setName, n.name(), targetSet, false, Relationship.Storage.REFERENCE, setName,
                    n.name() + "$lid", null, partner.map(NavigationProperty::name).orElse(null), false);
        }
        if (partner.isPresent() && !partner.get().collection()) {
            return new Relationship(setName, n.name(), targetSet, true, Relationship.Storage.REVERSE_REFERENCE,
                    targetSet, partner.get().name() + "$lid", null, n.partner(), false);
        }
        // many-to-many (shared by both sides) or one-to-many without a single-valued partner
        String thisSide = setName + "." + n.name();
        String otherSide = partner.map(p -> targetSet + "." + p.name()).orElse(null);
        boolean first = otherSide == null || thisSide.compareTo(otherSide) <= 0;
        String table = "$links." + (first ? thisSide : otherSide);
        linkTables.putIfAbsent(table, first
                ? new LinkTable(table, setName, n.name(), targetSet, partner.map(NavigationProperty::name).orElse(null))
                : new LinkTable(table, targetSet, partner.get().name(), setName, n.name()));
        return new Relationship(setName, n.name(), targetSet, true, Relationship.Storage.LINK_TABLE, table,
                first ? "source$lid" : "target$lid", first ? "target$lid" : "source$lid",
                partner.map(NavigationProperty::name).orElse(null), false);
    }

    /** The partner navigation, if it is declared and bound back to this set. */
    private Optional<NavigationProperty> partner(NavigationProperty n, String targetSet, String setName) {
        if (n.partner() == null) {
            return Optional.empty();
        }
        Optional<EntityType> targetType = model.entityType(n.targetType());
        if (targetType.isEmpty()) {
            return Optional.empty();
        }
        Optional<NavigationProperty> p = model.navigationProperty(targetType.get(), n.partner());
        if (p.isEmpty()) {
            return Optional.empty();
        }
        Optional<EntitySet> target = model.entitySet(targetSet);
        if (target.isPresent()) {
            String back = bindingTarget(target.get().navigationPropertyBindings(), targetType.get(), targetType.get(),
                    p.get().name());
            if (back != null && !back.equals(setName)) {
                return Optional.empty();
            }
        }
        return p;
    }

    /** For 1:1, the side with the referential constraint (else the first by name) holds the reference column. */
    private static boolean ownsOneToOne(String setName, NavigationProperty n, String targetSet, NavigationProperty partner) {
        if (!n.referentialConstraints().isEmpty() != !partner.referentialConstraints().isEmpty()) {
            return !n.referentialConstraints().isEmpty();
        }
        return (setName + "." + n.name()).compareTo(targetSet + "." + partner.name()) <= 0;
    }
}
