package dev.outpost;

import dev.outpost.model.QualifiedName;
import dev.outpost.query.TypedProperty;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A value of a complex type: named property values. Generated complex classes extend it with
 * typed accessors; the dynamic API uses it directly. Equal when type and values are equal.
 */
public class ComplexValue {

    private final QualifiedName complexType;
    private final Map<String, Object> values = new LinkedHashMap<>();

    /** An empty value of the given complex type. */
    public ComplexValue(QualifiedName complexType) {
        this.complexType = Objects.requireNonNull(complexType, "complexType");
    }

    /** The complex type. */
    public QualifiedName complexType() {
        return complexType;
    }

    /** The stored value of a property, or null. */
    public Object getValue(String name) {
        return values.get(name);
    }

    /** Sets a property's stored value (see {@link dev.outpost.query.Literals} for the Java types). */
    public ComplexValue setValue(String name, Object value) {
        values.put(Objects.requireNonNull(name, "name"), value);
        return this;
    }

    /** Whether the property has a value (possibly null). */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The names of the properties that have values, in the order they were set. */
    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** A property's value, typed by its descriptor. */
    public <T> T get(TypedProperty<T> property) {
        return property.fromValue(values.get(property.name()));
    }

    /** Sets a property's value, typed by its descriptor. */
    public <T> void set(TypedProperty<T> property, T value) {
        values.put(property.name(), property.toValue(value));
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ComplexValue other) || !complexType.equals(other.complexType)
                || !values.keySet().equals(other.values.keySet())) {
            return false;
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            if (!Objects.deepEquals(e.getValue(), other.values.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = complexType.hashCode();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            h = 31 * h + e.getKey().hashCode() + (v instanceof byte[] b ? Arrays.hashCode(b) : Objects.hashCode(v));
        }
        return h;
    }

    @Override
    public String toString() {
        return complexType.name() + values;
    }
}
