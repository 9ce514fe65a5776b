package dev.outpost.query;

import dev.outpost.model.PrimitiveType;

import java.time.LocalDate;

/** An {@code Edm.Date} expression. */
public class DateExpression extends ComparableExpression<LocalDate> {

    public DateExpression(Expr node) {
        super(node, PrimitiveType.DATE);
    }

    @Override
    protected DateExpression wrap(Expr node) {
        return new DateExpression(node);
    }

    /** {@code year(this)}. */
    public NumericExpression<Integer> year() {
        return new NumericExpression<>(call(FunctionName.YEAR), PrimitiveType.INT32);
    }

    /** {@code month(this)}. */
    public NumericExpression<Integer> month() {
        return new NumericExpression<>(call(FunctionName.MONTH), PrimitiveType.INT32);
    }

    /** {@code day(this)}. */
    public NumericExpression<Integer> day() {
        return new NumericExpression<>(call(FunctionName.DAY), PrimitiveType.INT32);
    }
}
