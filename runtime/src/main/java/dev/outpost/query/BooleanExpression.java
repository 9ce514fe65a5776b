package dev.outpost.query;

import dev.outpost.model.PrimitiveType;

/** A Boolean-valued expression: a filter, a Boolean property, or a comparison. */
public class BooleanExpression extends Expression {

    public BooleanExpression(Expr node) {
        super(node);
    }

    @Override
    protected BooleanExpression wrap(Expr node) {
        return new BooleanExpression(node);
    }

    /** {@code this and other}. */
    public BooleanExpression and(BooleanExpression other) {
        return new BooleanExpression(new Expr.Binary(Expr.BinaryOperator.AND, node(), other.node()));
    }

    /** {@code this or other}. */
    public BooleanExpression or(BooleanExpression other) {
        return new BooleanExpression(new Expr.Binary(Expr.BinaryOperator.OR, node(), other.node()));
    }

    /** {@code not this}. */
    public BooleanExpression not() {
        return new BooleanExpression(new Expr.Unary(Expr.UnaryOperator.NOT, node()));
    }

    /** {@code this eq true|false}. */
    public BooleanExpression eq(boolean value) {
        return compare(Expr.BinaryOperator.EQ, Literals.of(PrimitiveType.BOOLEAN, value));
    }

    /** {@code this ne true|false}. */
    public BooleanExpression ne(boolean value) {
        return compare(Expr.BinaryOperator.NE, Literals.of(PrimitiveType.BOOLEAN, value));
    }
}
