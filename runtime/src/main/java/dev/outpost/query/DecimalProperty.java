package dev.outpost.query;

import dev.outpost.model.PrimitiveType;

import java.math.BigDecimal;

/** A descriptor of an {@code Edm.Decimal} property; also usable as an expression in queries. */
public final class DecimalProperty extends NumericExpression<BigDecimal> implements TypedProperty<BigDecimal> {

    private DecimalProperty(Expr node) {
        super(node, PrimitiveType.DECIMAL);
    }

    @Override
    protected DecimalProperty wrap(Expr node) {
        return new DecimalProperty(node);
    }

    /** The descriptor of the named property. */
    public static DecimalProperty of(String name) {
        return new DecimalProperty(Properties.path(name));
    }

    @Override
    public String name() {
        return Properties.name(this);
    }

    @Override
    public BigDecimal fromValue(Object stored) {
        return Properties.cast(stored, BigDecimal.class, name());
    }

    @Override
    public Object toValue(BigDecimal value) {
        return value;
    }
}
