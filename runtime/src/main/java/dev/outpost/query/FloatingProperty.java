package dev.outpost.query;

import dev.outpost.model.PrimitiveType;

/**
 * A descriptor of an {@code Edm.Single} or {@code Edm.Double} property; also usable as an
 * expression in queries.
 *
 * @param <N> Float or Double
 */
public final class FloatingProperty<N extends Number> extends NumericExpression<N> implements TypedProperty<N> {

    private final Class<N> javaType;

    private FloatingProperty(Expr node, PrimitiveType type, Class<N> javaType) {
        super(node, type);
        this.javaType = javaType;
    }

    @Override
    protected FloatingProperty<N> wrap(Expr node) {
        return new FloatingProperty<>(node, edmType(), javaType);
    }

    /** An {@code Edm.Single} property. */
    public static FloatingProperty<Float> single(String name) {
        return new FloatingProperty<>(Properties.path(name), PrimitiveType.SINGLE, Float.class);
    }

    /** An {@code Edm.Double} property. */
    public static FloatingProperty<Double> doubleProperty(String name) {
        return new FloatingProperty<>(Properties.path(name), PrimitiveType.DOUBLE, Double.class);
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
