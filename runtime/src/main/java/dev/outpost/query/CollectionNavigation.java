package dev.outpost.query;

import dev.outpost.EntityValue;
import dev.outpost.model.PrimitiveType;
import dev.outpost.model.QualifiedName;

import java.util.List;
import java.util.function.Function;

/**
 * A collection-valued navigation property, as a descriptor and as a path. Filter by related
 * entities with lambda operators:
 * {@code WorkOrder.TASKS.any(t -> t.path(Task.DONE).eq(false))} renders
 * {@code Tasks/any(t:t/Done eq false)}.
 *
 * @param <T> the related entities' class
 */
public class CollectionNavigation<T extends EntityValue> extends Expression {

    private final QualifiedName targetType;

    public CollectionNavigation(Expr node, QualifiedName targetType) {
        super(node);
        this.targetType = targetType;
    }

    /** A navigation descriptor for generated code and the dynamic API. */
    public static <T extends EntityValue> CollectionNavigation<T> of(String name, QualifiedName targetType) {
        return new CollectionNavigation<>(Expr.Path.of(name), targetType);
    }

    @Override
    protected CollectionNavigation<T> wrap(Expr node) {
        return new CollectionNavigation<>(node, targetType);
    }

    /** The navigation property's name (the last segment of its path). */
    public String name() {
        List<String> s = ((Expr.Path) node()).segments();
        return s.get(s.size() - 1);
    }

    /** The related entities' type. */
    public QualifiedName targetType() {
        return targetType;
    }

    /**
     * Only the related entities of a derived type: {@code Order.ITEMS.<Special>cast(Special.TYPE).any()}
     * renders {@code Items/Ns.Special/any()}.
     *
     * @param derivedType the derived entity type (a type cast segment)
     */
    public <U extends T> CollectionNavigation<U> cast(QualifiedName derivedType) {
        return new CollectionNavigation<>(TypeCast.append((Expr.Path) node(), derivedType), derivedType);
    }

    /** {@code this/any(x:predicate)}. */
    public BooleanExpression any(Function<Lambda<T>, BooleanExpression> predicate) {
        return new BooleanExpression(Lambdas.build(Expr.LambdaOperator.ANY, (Expr.Path) node(),
                v -> predicate.apply(new Lambda<>(v))));
    }

    /** {@code this/all(x:predicate)}; true for an empty collection. */
    public BooleanExpression all(Function<Lambda<T>, BooleanExpression> predicate) {
        return new BooleanExpression(Lambdas.build(Expr.LambdaOperator.ALL, (Expr.Path) node(),
                v -> predicate.apply(new Lambda<>(v))));
    }

    /** {@code this/any()}: there is at least one related entity. */
    public BooleanExpression any() {
        return new BooleanExpression(new Expr.Lambda(Expr.LambdaOperator.ANY, (Expr.Path) node(), null, null));
    }

    /** {@code this/$count}. */
    public NumericExpression<Long> count() {
        return new NumericExpression<>(((Expr.Path) node()).then(List.of("$count")), PrimitiveType.INT64);
    }
}
