package dev.outpost.query;

import dev.outpost.EntityValue;

/**
 * The variable of a lambda over a collection of entities: {@code t} in
 * {@code Tasks/any(t:t/Done eq false)}. Build paths from it with {@link #path}.
 *
 * @param <T> the entity type of the collection's members
 */
public final class Lambda<T extends EntityValue> {

    private final Expr.Path variable;

    Lambda(Expr.Path variable) {
        this.variable = variable;
    }

    /** The property of the lambda variable: {@code t/Done}. */
    public <X extends Expression> X path(X property) {
        return property.under(variable);
    }

    /** A single-valued navigation from the lambda variable: {@code t/WorkOrder}. */
    public <U extends EntityValue> EntityNavigation<U> path(EntityNavigation<U> navigation) {
        return navigation.under(variable);
    }

    /** A collection-valued navigation from the lambda variable, for nested lambdas. */
    public <U extends EntityValue> CollectionNavigation<U> path(CollectionNavigation<U> navigation) {
        return navigation.under(variable);
    }

    /**
     * The variable viewed as a derived type: {@code i -> i.<Special>cast(Special.TYPE).path(Special.FLAG)}
     * renders {@code i/Ns.Special/Flag}; members of another type have null properties along it.
     *
     * @param derivedType the derived entity type (a type cast segment)
     */
    public <U extends T> Lambda<U> cast(dev.outpost.model.QualifiedName derivedType) {
        return new Lambda<>(TypeCast.append(variable, derivedType));
    }

    /** The variable itself, for type checks such as {@code isof}. */
    public Expr.Path variable() {
        return variable;
    }
}
