package dev.outpost.query;

import dev.outpost.model.PrimitiveType;

/**
 * A numeric expression (integer kinds, decimal, floating point) with comparison and arithmetic.
 * Literals compared with it take its Edm type, so {@code Price gt 10} compares decimals.
 *
 * @param <N> the Java type of its values
 */
public class NumericExpression<N extends Number> extends Expression {

    private final PrimitiveType type;

    public NumericExpression(Expr node, PrimitiveType type) {
        super(node);
        this.type = type;
    }

    @Override
    protected NumericExpression<N> wrap(Expr node) {
        return new NumericExpression<>(node, type);
    }

    /** The Edm type of this expression. */
    public PrimitiveType edmType() {
        return type;
    }

    private Expr lit(Number value) {
        return Literals.number(type, value);
    }

    public BooleanExpression eq(Number value) {
        return compare(Expr.BinaryOperator.EQ, lit(value));
    }

    public BooleanExpression ne(Number value) {
        return compare(Expr.BinaryOperator.NE, lit(value));
    }

    public BooleanExpression lt(Number value) {
        return compare(Expr.BinaryOperator.LT, lit(value));
    }

    public BooleanExpression le(Number value) {
        return compare(Expr.BinaryOperator.LE, lit(value));
    }

    public BooleanExpression gt(Number value) {
        return compare(Expr.BinaryOperator.GT, lit(value));
    }

    public BooleanExpression ge(Number value) {
        return compare(Expr.BinaryOperator.GE, lit(value));
    }

    /** {@code this in (1, 2, ...)}. */
    public BooleanExpression in(Number... values) {
        java.util.List<Expr> nodes = new java.util.ArrayList<>();
        for (Number v : values) {
            nodes.add(lit(v));
        }
        return new BooleanExpression(new Expr.In(node(), nodes));
    }

    private NumericExpression<N> arithmetic(Expr.BinaryOperator op, Expr right) {
        return new NumericExpression<>(new Expr.Binary(op, node(), right), type);
    }

    /** {@code this add value}. */
    public NumericExpression<N> add(Number value) {
        return arithmetic(Expr.BinaryOperator.ADD, lit(value));
    }

    /** {@code this add other}. */
    public NumericExpression<N> add(NumericExpression<?> other) {
        return arithmetic(Expr.BinaryOperator.ADD, other.node());
    }

    /** {@code this sub value}. */
    public NumericExpression<N> sub(Number value) {
        return arithmetic(Expr.BinaryOperator.SUB, lit(value));
    }

    /** {@code this sub other}. */
    public NumericExpression<N> sub(NumericExpression<?> other) {
        return arithmetic(Expr.BinaryOperator.SUB, other.node());
    }

    /** {@code this mul value}. */
    public NumericExpression<N> mul(Number value) {
        return arithmetic(Expr.BinaryOperator.MUL, lit(value));
    }

    /** {@code this mul other}. */
    public NumericExpression<N> mul(NumericExpression<?> other) {
        return arithmetic(Expr.BinaryOperator.MUL, other.node());
    }

    /** {@code this div value}: integer division for integer types. */
    public NumericExpression<N> div(Number value) {
        return arithmetic(Expr.BinaryOperator.DIV, lit(value));
    }

    /** {@code this div other}. */
    public NumericExpression<N> div(NumericExpression<?> other) {
        return arithmetic(Expr.BinaryOperator.DIV, other.node());
    }

    /** {@code this divby value}: decimal division (OData 4.01). */
    public NumericExpression<java.math.BigDecimal> divBy(Number value) {
        return new NumericExpression<>(new Expr.Binary(Expr.BinaryOperator.DIVBY, node(), lit(value)), PrimitiveType.DECIMAL);
    }

    /** {@code this mod value}. */
    public NumericExpression<N> mod(Number value) {
        return arithmetic(Expr.BinaryOperator.MOD, lit(value));
    }

    /** {@code -this}. */
    public NumericExpression<N> negate() {
        return new NumericExpression<>(new Expr.Unary(Expr.UnaryOperator.NEGATE, node()), type);
    }

    /** {@code round(this)}. */
    public NumericExpression<N> round() {
        return new NumericExpression<>(call(FunctionName.ROUND), type);
    }

    /** {@code floor(this)}. */
    public NumericExpression<N> floor() {
        return new NumericExpression<>(call(FunctionName.FLOOR), type);
    }

    /** {@code ceiling(this)}. */
    public NumericExpression<N> ceiling() {
        return new NumericExpression<>(call(FunctionName.CEILING), type);
    }
}
