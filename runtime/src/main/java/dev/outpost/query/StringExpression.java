package dev.outpost.query;

import dev.outpost.model.PrimitiveType;

/** A string-valued expression with OData's string operators and functions. */
public class StringExpression extends Expression {

    public StringExpression(Expr node) {
        super(node);
    }

    @Override
    protected StringExpression wrap(Expr node) {
        return new StringExpression(node);
    }

    private static Expr lit(String value) {
        return Literals.of(PrimitiveType.STRING, value);
    }

    public BooleanExpression eq(String value) {
        return compare(Expr.BinaryOperator.EQ, lit(value));
    }

    public BooleanExpression ne(String value) {
        return compare(Expr.BinaryOperator.NE, lit(value));
    }

    public BooleanExpression lt(String value) {
        return compare(Expr.BinaryOperator.LT, lit(value));
    }

    public BooleanExpression le(String value) {
        return compare(Expr.BinaryOperator.LE, lit(value));
    }

    public BooleanExpression gt(String value) {
        return compare(Expr.BinaryOperator.GT, lit(value));
    }

    public BooleanExpression ge(String value) {
        return compare(Expr.BinaryOperator.GE, lit(value));
    }

    /** {@code this in ('a', 'b', ...)}. */
    public BooleanExpression in(String... values) {
        return inLiterals(PrimitiveType.STRING, values);
    }

    /** {@code contains(this, 'value')}. */
    public BooleanExpression contains(String value) {
        return new BooleanExpression(call(FunctionName.CONTAINS, lit(value)));
    }

    /** {@code contains(this, other)}. */
    public BooleanExpression contains(StringExpression other) {
        return new BooleanExpression(call(FunctionName.CONTAINS, other.node()));
    }

    /** {@code startswith(this, 'value')}. */
    public BooleanExpression startsWith(String value) {
        return new BooleanExpression(call(FunctionName.STARTSWITH, lit(value)));
    }

    /** {@code startswith(this, other)}. */
    public BooleanExpression startsWith(StringExpression other) {
        return new BooleanExpression(call(FunctionName.STARTSWITH, other.node()));
    }

    /** {@code endswith(this, 'value')}. */
    public BooleanExpression endsWith(String value) {
        return new BooleanExpression(call(FunctionName.ENDSWITH, lit(value)));
    }

    /** {@code endswith(this, other)}. */
    public BooleanExpression endsWith(StringExpression other) {
        return new BooleanExpression(call(FunctionName.ENDSWITH, other.node()));
    }

    /** {@code matchesPattern(this, 'regex')} (OData 4.01). */
    public BooleanExpression matchesPattern(String regex) {
        return new BooleanExpression(call(FunctionName.MATCHES_PATTERN, lit(regex)));
    }

    /** {@code length(this)}. */
    public NumericExpression<Integer> length() {
        return new NumericExpression<>(call(FunctionName.LENGTH), PrimitiveType.INT32);
    }

    /** {@code indexof(this, 'value')}: the zero-based position, or -1. */
    public NumericExpression<Integer> indexOf(String value) {
        return new NumericExpression<>(call(FunctionName.INDEXOF, lit(value)), PrimitiveType.INT32);
    }

    /** {@code substring(this, start)} with a zero-based start. */
    public StringExpression substring(int start) {
        return new StringExpression(call(FunctionName.SUBSTRING, Literals.of(PrimitiveType.INT32, start)));
    }

    /** {@code substring(this, start, length)}. */
    public StringExpression substring(int start, int length) {
        return new StringExpression(call(FunctionName.SUBSTRING, Literals.of(PrimitiveType.INT32, start),
                Literals.of(PrimitiveType.INT32, length)));
    }

    /** {@code tolower(this)}. */
    public StringExpression toLower() {
        return new StringExpression(call(FunctionName.TOLOWER));
    }

    /** {@code toupper(this)}. */
    public StringExpression toUpper() {
        return new StringExpression(call(FunctionName.TOUPPER));
    }

    /** {@code trim(this)}. */
    public StringExpression trim() {
        return new StringExpression(call(FunctionName.TRIM));
    }

    /** {@code concat(this, 'value')}. */
    public StringExpression concat(String value) {
        return new StringExpression(call(FunctionName.CONCAT, lit(value)));
    }

    /** {@code concat(this, other)}. */
    public StringExpression concat(StringExpression other) {
        return new StringExpression(call(FunctionName.CONCAT, other.node()));
    }
}
