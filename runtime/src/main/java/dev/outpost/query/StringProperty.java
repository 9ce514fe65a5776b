package dev.outpost.query;

import dev.outpost.model.PrimitiveType;

/** A descriptor of an {@code Edm.String} property; also usable as an expression in queries. */
public final class StringProperty extends StringExpression implements TypedProperty<String> {

    private StringProperty(Expr node) {
        super(node);
    }

    @Override
    protected StringProperty wrap(Expr node) {
        return new StringProperty(node);
    }

    /** The descriptor of the named property. */
    public static StringProperty of(String name) {
        return new StringProperty(Properties.path(name));
    }

    @Override
    public String name() {
        return Properties.name(this);
    }

    @Override
    public String fromValue(Object stored) {
        return Properties.cast(stored, String.class, name());
    }

    @Override
    public Object toValue(String value) {
        return Properties.checked(PrimitiveType.STRING, value);
    }
}
