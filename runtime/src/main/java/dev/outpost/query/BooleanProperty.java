package dev.outpost.query;

import dev.outpost.model.PrimitiveType;

/** A descriptor of an {@code Edm.Boolean} property; also usable as an expression in queries. */
public final class BooleanProperty extends BooleanExpression implements TypedProperty<Boolean> {

    private BooleanProperty(Expr node) {
        super(node);
    }

    @Override
    protected BooleanProperty wrap(Expr node) {
        return new BooleanProperty(node);
    }

    /** The descriptor of the named property. */
    public static BooleanProperty of(String name) {
        return new BooleanProperty(Properties.path(name));
    }

    @Override
    public String name() {
        return Properties.name(this);
    }

    @Override
    public Boolean fromValue(Object stored) {
        return Properties.cast(stored, Boolean.class, name());
    }

    @Override
    public Object toValue(Boolean value) {
        return Properties.checked(PrimitiveType.BOOLEAN, value);
    }
}
