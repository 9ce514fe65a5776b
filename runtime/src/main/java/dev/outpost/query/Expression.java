package dev.outpost.query;

import dev.outpost.model.PrimitiveType;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A typed view of a query AST node: the base of the DSL. Subclasses add the operators and
 * functions that OData allows for their type family. Expressions are immutable.
 */
public abstract class Expression {

    private final Expr node;

    protected Expression(Expr node) {
        this.node = Objects.requireNonNull(node, "node");
    }

    /** The AST node this expression stands for. */
    public final Expr node() {
        return node;
    }

    /**
     * The same kind of expression over another node. Property descriptors use it to re-root
     * their path under a navigation path or a lambda variable.
     */
    protected abstract Expression wrap(Expr node);

    /**
     * This expression with its path put under {@code prefix}; only path expressions (property
     * descriptors and paths made from them) can be re-rooted.
     */
    @SuppressWarnings("unchecked")
    final <X extends Expression> X under(Expr.Path prefix) {
        if (!(node instanceof Expr.Path path)) {
            throw new IllegalArgumentException("only a property path can be used after a navigation or lambda"
                    + " variable, not " + node);
        }
        return (X) wrap(path.under(prefix));
    }

    /** {@code this eq null}. */
    public BooleanExpression isNull() {
        return compare(Expr.BinaryOperator.EQ, Literals.nullLiteral());
    }

    /** {@code this ne null}. */
    public BooleanExpression isNotNull() {
        return compare(Expr.BinaryOperator.NE, Literals.nullLiteral());
    }

    /** {@code this eq other}. */
    public BooleanExpression eq(Expression other) {
        return compare(Expr.BinaryOperator.EQ, other.node());
    }

    /** {@code this ne other}. */
    public BooleanExpression ne(Expression other) {
        return compare(Expr.BinaryOperator.NE, other.node());
    }

    /** {@code this lt other}. */
    public BooleanExpression lt(Expression other) {
        return compare(Expr.BinaryOperator.LT, other.node());
    }

    /** {@code this le other}. */
    public BooleanExpression le(Expression other) {
        return compare(Expr.BinaryOperator.LE, other.node());
    }

    /** {@code this gt other}. */
    public BooleanExpression gt(Expression other) {
        return compare(Expr.BinaryOperator.GT, other.node());
    }

    /** {@code this ge other}. */
    public BooleanExpression ge(Expression other) {
        return compare(Expr.BinaryOperator.GE, other.node());
    }

    /** {@code this in (e1, e2, ...)}. */
    public BooleanExpression in(Expression... values) {
        List<Expr> nodes = new ArrayList<>();
        for (Expression v : values) {
            nodes.add(v.node());
        }
        return new BooleanExpression(new Expr.In(node, nodes));
    }

    /** Sorts ascending by this expression. */
    public OrderBy asc() {
        return new OrderBy(node, false);
    }

    /** Sorts descending by this expression. */
    public OrderBy desc() {
        return new OrderBy(node, true);
    }

    final BooleanExpression compare(Expr.BinaryOperator operator, Expr right) {
        return new BooleanExpression(new Expr.Binary(operator, node, right));
    }

    final BooleanExpression inLiterals(PrimitiveType type, Object[] values) {
        List<Expr> nodes = new ArrayList<>();
        for (Object v : values) {
            nodes.add(Literals.of(type, v));
        }
        return new BooleanExpression(new Expr.In(node, nodes));
    }

    final Expr call(String function, Expr... more) {
        List<Expr> args = new ArrayList<>();
        args.add(node);
        args.addAll(List.of(more));
        return new Expr.Call(function, args);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expression e && e.getClass() == getClass() && e.node.equals(node);
    }

    @Override
    public int hashCode() {
        return node.hashCode();
    }

    @Override
    public String toString() {
        return dev.outpost.internal.url.UrlRenderer.expression(node);
    }
}
