package dev.outpost.query;

import dev.outpost.model.PrimitiveType;

import java.time.OffsetDateTime;

/** An {@code Edm.DateTimeOffset} expression. */
public class DateTimeOffsetExpression extends ComparableExpression<OffsetDateTime> {

    public DateTimeOffsetExpression(Expr node) {
        super(node, PrimitiveType.DATE_TIME_OFFSET);
    }

    @Override
    protected DateTimeOffsetExpression wrap(Expr node) {
        return new DateTimeOffsetExpression(node);
    }

    private NumericExpression<Integer> part(String function) {
        return new NumericExpression<>(call(function), PrimitiveType.INT32);
    }

    /** {@code year(this)}. */
    public NumericExpression<Integer> year() {
        return part(FunctionName.YEAR);
    }

    /** {@code month(this)}. */
    public NumericExpression<Integer> month() {
        return part(FunctionName.MONTH);
    }

    /** {@code day(this)}. */
    public NumericExpression<Integer> day() {
        return part(FunctionName.DAY);
    }

    /** {@code hour(this)}. */
    public NumericExpression<Integer> hour() {
        return part(FunctionName.HOUR);
    }

    /** {@code minute(this)}. */
    public NumericExpression<Integer> minute() {
        return part(FunctionName.MINUTE);
    }

    /** {@code second(this)}. */
    public NumericExpression<Integer> second() {
        return part(FunctionName.SECOND);
    }

    /** {@code fractionalseconds(this)}. */
    public NumericExpression<java.math.BigDecimal> fractionalSeconds() {
        return new NumericExpression<>(call(FunctionName.FRACTIONALSECONDS), PrimitiveType.DECIMAL);
    }

    /** {@code totaloffsetminutes(this)}. */
    public NumericExpression<Integer> totalOffsetMinutes() {
        return part(FunctionName.TOTALOFFSETMINUTES);
    }

    /** {@code date(this)}. */
    public DateExpression date() {
        return new DateExpression(call(FunctionName.DATE));
    }

    /** {@code time(this)}. */
    public TimeOfDayExpression time() {
        return new TimeOfDayExpression(call(FunctionName.TIME));
    }
}
