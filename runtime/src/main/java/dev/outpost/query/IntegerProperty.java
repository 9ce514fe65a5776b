package dev.outpost.query;

import dev.outpost.model.PrimitiveType;

/**
 * A descriptor of an integer property ({@code Edm.Byte}, {@code SByte}, {@code Int16},
 * {@code Int32}, {@code Int64}); also usable as an expression in queries.
 *
 * @param <N> the Java type: Short (Byte, Int16), Byte (SByte), Integer (Int32), Long (Int64)
 */
public final class IntegerProperty<N extends Number> extends NumericExpression<N> implements TypedProperty<N> {

    private final Class<N> javaType;

    private IntegerProperty(Expr node, PrimitiveType type, Class<N> javaType) {
        super(node, type);
        this.javaType = javaType;
    }

    @Override
    protected IntegerProperty<N> wrap(Expr node) {
        return new IntegerProperty<>(node, edmType(), javaType);
    }

    /** An {@code Edm.Byte} property (0 to 255). */
    public static IntegerProperty<Short> byteProperty(String name) {
        return new IntegerProperty<>(Properties.path(name), PrimitiveType.BYTE, Short.class);
    }

    /** An {@code Edm.SByte} property. */
    public static IntegerProperty<Byte> sbyte(String name) {
        return new IntegerProperty<>(Properties.path(name), PrimitiveType.SBYTE, Byte.class);
    }

    /** An {@code Edm.Int16} property. */
    public static IntegerProperty<Short> int16(String name) {
        return new IntegerProperty<>(Properties.path(name), PrimitiveType.INT16, Short.class);
    }

    /** An {@code Edm.Int32} property. */
    public static IntegerProperty<Integer> int32(String name) {
        return new IntegerProperty<>(Properties.path(name), PrimitiveType.INT32, Integer.class);
    }

    /** An {@code Edm.Int64} property. */
    public static IntegerProperty<Long> int64(String name) {
        return new IntegerProperty<>(Properties.path(name), PrimitiveType.INT64, Long.class);
    }

    @Override
    public String name() {
        return Properties.name(this);
    }

    @Override
    public N fromValue(Object stored) {
        return Properties.cast(stored, javaType, name());
    }

    @Override
    public Object toValue(N value) {
        return Properties.checked(edmType(), value);
    }
}
