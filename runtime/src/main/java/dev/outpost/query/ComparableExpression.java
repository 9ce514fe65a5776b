package dev.outpost.query;

import dev.outpost.model.PrimitiveType;

/**
 * An expression of an ordered primitive type without further operators: GUID, binary, and the
 * base of the date, time and duration expressions.
 *
 * @param <T> the Java type of its values
 */
public class ComparableExpression<T> extends Expression {

    private final PrimitiveType type;

    public ComparableExpression(Expr node, PrimitiveType type) {
        super(node);
        this.type = type;
    }

    @Override
    protected ComparableExpression<T> wrap(Expr node) {
        return new ComparableExpression<>(node, type);
    }

    /** The Edm type of this expression. */
    public PrimitiveType edmType() {
        return type;
    }

    final Expr lit(T value) {
        return Literals.of(type, value);
    }

    public BooleanExpression eq(T value) {
        return compare(Expr.BinaryOperator.EQ, lit(value));
    }

    public BooleanExpression ne(T value) {
        return compare(Expr.BinaryOperator.NE, lit(value));
    }

    public BooleanExpression lt(T value) {
        return compare(Expr.BinaryOperator.LT, lit(value));
    }

    public BooleanExpression le(T value) {
        return compare(Expr.BinaryOperator.LE, lit(value));
    }

    public BooleanExpression gt(T value) {
        return compare(Expr.BinaryOperator.GT, lit(value));
    }

    public BooleanExpression ge(T value) {
        return compare(Expr.BinaryOperator.GE, lit(value));
    }

    /** {@code this in (v1, v2, ...)}. */
    @SafeVarargs
    public final BooleanExpression in(T... values) {
        return inLiterals(type, values);
    }
}
