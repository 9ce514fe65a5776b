package dev.outpost.query;

import dev.outpost.model.PrimitiveType;

import java.time.Duration;

/** An {@code Edm.Duration} expression. */
public class DurationExpression extends ComparableExpression<Duration> {

    public DurationExpression(Expr node) {
        super(node, PrimitiveType.DURATION);
    }

    @Override
    protected DurationExpression wrap(Expr node) {
        return new DurationExpression(node);
    }

    /** {@code totalseconds(this)}. */
    public NumericExpression<java.math.BigDecimal> totalSeconds() {
        return new NumericExpression<>(call(FunctionName.TOTALSECONDS), PrimitiveType.DECIMAL);
    }
}
