package dev.outpost.query;

import dev.outpost.model.PrimitiveType;

/** A descriptor of an {@code Edm.Date} property; also usable as an expression in queries. */
public final class DateProperty extends DateExpression implements TypedProperty<java.time.LocalDate> {

    private DateProperty(Expr node) {
        super(node);
    }

    @Override
    protected DateProperty wrap(Expr node) {
        return new DateProperty(node);
    }

    /** The descriptor of the named property. */
    public static DateProperty of(String name) {
        return new DateProperty(Properties.path(name));
    }

    @Override
    public String name() {
        return Properties.name(this);
    }

    @Override
    public java.time.LocalDate fromValue(Object stored) {
        return Properties.cast(stored, java.time.LocalDate.class, name());
    }

    @Override
    public Object toValue(java.time.LocalDate value) {
        return Properties.checked(PrimitiveType.DATE, value);
    }
}
