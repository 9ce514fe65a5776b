package dev.outpost.query;

import dev.outpost.model.PrimitiveType;

import java.time.LocalTime;

/** An {@code Edm.TimeOfDay} expression. */
public class TimeOfDayExpression extends ComparableExpression<LocalTime> {

    public TimeOfDayExpression(Expr node) {
        super(node, PrimitiveType.TIME_OF_DAY);
    }

    @Override
    protected TimeOfDayExpression wrap(Expr node) {
        return new TimeOfDayExpression(node);
    }

    /** {@code hour(this)}. */
    public NumericExpression<Integer> hour() {
        return new NumericExpression<>(call(FunctionName.HOUR), PrimitiveType.INT32);
    }

    /** {@code minute(this)}. */
    public NumericExpression<Integer> minute() {
        return new NumericExpression<>(call(FunctionName.MINUTE), PrimitiveType.INT32);
    }

    /** {@code second(this)}. */
    public NumericExpression<Integer> second() {
        return new NumericExpression<>(call(FunctionName.SECOND), PrimitiveType.INT32);
    }

    /** {@code fractionalseconds(this)}. */
    public NumericExpression<java.math.BigDecimal> fractionalSeconds() {
        return new NumericExpression<>(call(FunctionName.FRACTIONALSECONDS), PrimitiveType.DECIMAL);
    }
}
