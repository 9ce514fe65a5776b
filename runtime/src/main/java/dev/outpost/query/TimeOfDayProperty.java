package dev.outpost.query;

import dev.outpost.model.PrimitiveType;

/** A descriptor of an {@code Edm.TimeOfDay} property; also usable as an expression in queries. */
public final class TimeOfDayProperty extends TimeOfDayExpression implements TypedProperty<java.time.LocalTime> {

    private TimeOfDayProperty(Expr node) {
        super(node);
    }

    @Override
    protected TimeOfDayProperty wrap(Expr node) {
        return new TimeOfDayProperty(node);
    }

    /** The descriptor of the named property. */
    public static TimeOfDayProperty of(String name) {
        return new TimeOfDayProperty(Properties.path(name));
    }

    @Override
    public String name() {
        return Properties.name(this);
    }

    @Override
    public java.time.LocalTime fromValue(Object stored) {
        return Properties.cast(stored, java.time.LocalTime.class, name());
    }

    @Override
    public Object toValue(java.time.LocalTime value) {
        return Properties.checked(PrimitiveType.TIME_OF_DAY, value);
    }
}
