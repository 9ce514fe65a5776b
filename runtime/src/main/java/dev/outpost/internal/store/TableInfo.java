package dev.outpost.internal.store;

import dev.outpost.internal.schema.Column;
import dev.outpost.internal.schema.EntityTable;
import dev.outpost.model.ComplexType;
import dev.outpost.model.EntityType;
import dev.outpost.model.ModelType;
import dev.outpost.model.Property;
import dev.outpost.model.PropertyRef;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.ServiceModel;
import dev.outpost.model.StructuredType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the store needs to know, once, about one entity table: which column stores each
 * property path, each property's value type, the key, and which types' properties a row of a
 * given type has.
 */
final class TableInfo {

    final Catalog.Set set;
    final EntityTable table;
    final ServiceModel model;
    final Map<List<String>, Column> byPath = new HashMap<>();
    final Map<List<String>, Column> offsets = new HashMap<>();
    final Map<List<String>, ValueType> types = new HashMap<>();
    final Map<List<String>, Property> properties = new HashMap<>();
    final List<PropertyRef> key;
    final List<Column> keyColumns = new ArrayList<>();
    final String quoted;
    /** Each column's position in {@link EntityTable#columns()}: where a row array keeps its value. */
    final Map<String, Integer> slots = new HashMap<>();

    TableInfo(Catalog.Set set) {
        this.set = set;
        this.table = set.table();
        this.model = set.model();
        this.quoted = dev.outpost.internal.schema.Ddl.quote(table.table());
        for (Column c : table.columns()) {
            slots.put(c.name(), slots.size());
            if (c.role() == Column.Role.OFFSET) {
                offsets.put(c.path(), c);
            } else if (c.role() == Column.Role.PROPERTY || c.role() == Column.Role.COMPLEX_PRESENT) {
                byPath.putIfAbsent(c.path(), c);
            }
        }
        this.key = model.key(set.entityType());
        for (String k : table.keyColumns()) {
            keyColumns.add(table.column(k).orElseThrow());
        }
        List<StructuredType> all = new ArrayList<>(model.hierarchy(set.entityType()));
        collectDerived(set.entityType(), all);
        for (StructuredType t : all) {
            for (Property p : t.declaredProperties()) {
                index(List.of(p.name()), p, new java.util.ArrayDeque<>());
            }
        }
    }

    private void collectDerived(StructuredType type, List<StructuredType> into) {
        for (StructuredType d : model.derivedTypes(type)) {
            into.add(d);
            collectDerived(d, into);
        }
    }

    private void index(List<String> path, Property p, java.util.Deque<QualifiedName> chain) {
        types.putIfAbsent(path, ValueType.of(model, p.type()));
        properties.putIfAbsent(path, p);
        ModelType t = model.resolve(p.type().name());
        if (!p.type().collection() && t instanceof ComplexType c && !chain.contains(c.qualifiedName())) {
            chain.push(c.qualifiedName());
            List<StructuredType> complexTypes = new ArrayList<>(model.hierarchy(c));
            collectDerived(c, complexTypes);
            for (StructuredType ct : complexTypes) {
                for (Property sub : ct.declaredProperties()) {
                    List<String> subPath = new ArrayList<>(path);
                    subPath.add(sub.name());
                    index(List.copyOf(subPath), sub, chain);
                }
            }
            chain.pop();
        }
    }

    /** Whether the column stores a flattened complex property (not its own JSON). */
    boolean isFlattened(List<String> path) {
        Column c = byPath.get(path);
        return c != null && c.role() == Column.Role.COMPLEX_PRESENT;
    }

    /** The entity type of a row's {@code $type}, which must be the set's type or derived from it. */
    EntityType rowType(String qualifiedName) {
        return typeOf(qualifiedName); // looked up once per name: every row read asks
    }

    private final Map<String, EntityType> byTypeText = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The entity type an {@code @odata.type} annotation names ({@code #Ns.Type} or {@code Ns.Type});
     * the set's type when the model has no such type. A name that is not qualified is a 400.
     */
    EntityType typeOf(String annotation) {
        return byTypeText.computeIfAbsent(annotation, a -> {
            String name = a.startsWith("#") ? a.substring(1) : a;
            int dot = name.lastIndexOf('.');
            if (dot <= 0 || dot == name.length() - 1) {
                throw ValueCodec.bad(set.name(), "@odata.type '" + a + "' is not a qualified type name");
            }
            return model.entityType(QualifiedName.parse(name)).orElse(set.entityType());
        });
    }

    /** Whether a column applies to rows of this type (derived types' columns only to them). */
    boolean appliesTo(Column c, EntityType rowType) {
        if (c.declaringType().equals(rowType.qualifiedName().toString())) {
            return true;
        }
        for (StructuredType t : model.hierarchy(rowType)) {
            if (t.qualifiedName().toString().equals(c.declaringType())) {
                return true;
            }
        }
        return false;
    }
}
