package dev.outpost.query;

import dev.outpost.model.PrimitiveType;

import java.util.function.Function;

/**
 * A collection of primitive or complex values, such as {@code Collection(Edm.String)}; filter
 * it with lambda operators.
 *
 * @param <E> the expression type of one element
 */
public class CollectionExpression<E extends Expression> extends Expression {

    private final Function<Expr, E> element;

    public CollectionExpression(Expr node, Function<Expr, E> element) {
        super(node);
        this.element = element;
    }

    @Override
    protected CollectionExpression<E> wrap(Expr node) {
        return new CollectionExpression<>(node, element);
    }

    private Expr.Path path() {
        if (!(node() instanceof Expr.Path p)) {
            throw new IllegalStateException("a lambda operator needs a collection path, not " + node());
        }
        return p;
    }

    /** {@code this/any(x:predicate)}: true when some element satisfies the predicate. */
    public BooleanExpression any(Function<E, BooleanExpression> predicate) {
        return new BooleanExpression(Lambdas.build(Expr.LambdaOperator.ANY, path(),
                v -> predicate.apply(element.apply(v))));
    }

    /** {@code this/all(x:predicate)}: true when every element satisfies it (and for an empty collection). */
    public BooleanExpression all(Function<E, BooleanExpression> predicate) {
        return new BooleanExpression(Lambdas.build(Expr.LambdaOperator.ALL, path(),
                v -> predicate.apply(element.apply(v))));
    }

    /** {@code this/any()}: true when the collection is not empty. */
    public BooleanExpression any() {
        return new BooleanExpression(new Expr.Lambda(Expr.LambdaOperator.ANY, path(), null, null));
    }

    /** {@code this/$count}. */
    public NumericExpression<Long> count() {
        return new NumericExpression<>(path().then(java.util.List.of("$count")), PrimitiveType.INT64);
    }
}
