package dev.outpost.query;

import dev.outpost.model.PrimitiveType;

/** A descriptor of an {@code Edm.Duration} property; also usable as an expression in queries. */
public final class DurationProperty extends DurationExpression implements TypedProperty<java.time.Duration> {

    private DurationProperty(Expr node) {
        super(node);
    }

    @Override
    protected DurationProperty wrap(Expr node) {
        return new DurationProperty(node);
    }

    /** The descriptor of the named property. */
    public static DurationProperty of(String name) {
        return new DurationProperty(Properties.path(name));
    }

    @Override
    public String name() {
        return Properties.name(this);
    }

    @Override
    public java.time.Duration fromValue(Object stored) {
        return Properties.cast(stored, java.time.Duration.class, name());
    }

    @Override
    public Object toValue(java.time.Duration value) {
        return Properties.checked(PrimitiveType.DURATION, value);
    }
}
