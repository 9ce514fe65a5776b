package dev.outpost.query;

import dev.outpost.model.PrimitiveType;

/** A descriptor of an {@code Edm.DateTimeOffset} property; also usable as an expression in queries. */
public final class DateTimeOffsetProperty extends DateTimeOffsetExpression implements TypedProperty<java.time.OffsetDateTime> {

    private DateTimeOffsetProperty(Expr node) {
        super(node);
    }

    @Override
    protected DateTimeOffsetProperty wrap(Expr node) {
        return new DateTimeOffsetProperty(node);
    }

    /** The descriptor of the named property. */
    public static DateTimeOffsetProperty of(String name) {
        return new DateTimeOffsetProperty(Properties.path(name));
    }

    @Override
    public String name() {
        return Properties.name(this);
    }

    @Override
    public java.time.OffsetDateTime fromValue(Object stored) {
        return Properties.cast(stored, java.time.OffsetDateTime.class, name());
    }

    @Override
    public Object toValue(java.time.OffsetDateTime value) {
        return Properties.checked(PrimitiveType.DATE_TIME_OFFSET, value);
    }
}
