package dev.outpost.query;

import dev.outpost.model.PrimitiveType;

import java.util.UUID;

/** A descriptor of an {@code Edm.Guid} property; also usable as an expression in queries. */
public final class GuidProperty extends ComparableExpression<UUID> implements TypedProperty<UUID> {

    private GuidProperty(Expr node) {
        super(node, PrimitiveType.GUID);
    }

    @Override
    protected GuidProperty wrap(Expr node) {
        return new GuidProperty(node);
    }

    /** The descriptor of the named property. */
    public static GuidProperty of(String name) {
        return new GuidProperty(Properties.path(name));
    }

    @Override
    public String name() {
        return Properties.name(this);
    }

    @Override
    public UUID fromValue(Object stored) {
        return Properties.cast(stored, UUID.class, name());
    }

    @Override
    public Object toValue(UUID value) {
        return value;
    }
}
