package dev.outpost.query;

import dev.outpost.JsonValue;

/** A descriptor of an {@code Edm.Untyped} property: raw JSON. */
public final class UntypedProperty extends Expression implements TypedProperty<JsonValue> {

    private UntypedProperty(Expr node) {
        super(node);
    }

    /** The descriptor of the named property. */
    public static UntypedProperty of(String name) {
        return new UntypedProperty(Properties.path(name));
    }

    @Override
    protected UntypedProperty wrap(Expr node) {
        return new UntypedProperty(node);
    }

    @Override
    public String name() {
        return Properties.name(this);
    }

    @Override
    public JsonValue fromValue(Object stored) {
        return Properties.cast(stored, JsonValue.class, name());
    }

    @Override
    public Object toValue(JsonValue value) {
        return value;
    }
}
