package dev.outpost.query;

import dev.outpost.model.PrimitiveType;

/** A descriptor of an {@code Edm.Binary} property; also usable as an expression in queries. */
public final class BinaryProperty extends ComparableExpression<byte[]> implements TypedProperty<byte[]> {

    private BinaryProperty(Expr node) {
        super(node, PrimitiveType.BINARY);
    }

    @Override
    protected BinaryProperty wrap(Expr node) {
        return new BinaryProperty(node);
    }

    /** The descriptor of the named property. */
    public static BinaryProperty of(String name) {
        return new BinaryProperty(Properties.path(name));
    }

    @Override
    public String name() {
        return Properties.name(this);
    }

    @Override
    public byte[] fromValue(Object stored) {
        byte[] b = Properties.cast(stored, byte[].class, name());
        return b == null ? null : b.clone();
    }

    @Override
    public Object toValue(byte[] value) {
        return value == null ? null : value.clone();
    }
}
