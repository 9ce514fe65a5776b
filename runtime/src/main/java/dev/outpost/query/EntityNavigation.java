package dev.outpost.query;

import dev.outpost.EntityValue;
import dev.outpost.model.QualifiedName;

import java.util.List;

/**
 * A single-valued navigation property ({@code 0..1} or {@code 1}), as a descriptor and as a path.
 * Properties of the related entity are reached with {@link #path}:
 * {@code WorkOrder.CUSTOMER.path(Customer.NAME).eq("ACME")} renders {@code Customer/Name eq 'ACME'}.
 *
 * @param <T> the related entity's class
 */
public class EntityNavigation<T extends EntityValue> extends Expression {

    private final QualifiedName targetType;

    public EntityNavigation(Expr node, QualifiedName targetType) {
        super(node);
        this.targetType = targetType;
    }

    /** A navigation descriptor for generated code and the dynamic API. */
    public static <T extends EntityValue> EntityNavigation<T> of(String name, QualifiedName targetType) {
        return new EntityNavigation<>(Expr.Path.of(name), targetType);
    }

    @Override
    protected EntityNavigation<T> wrap(Expr node) {
        return new EntityNavigation<>(node, targetType);
    }

    /** The navigation property's name (the last segment of its path). */
    public String name() {
        List<String> s = ((Expr.Path) node()).segments();
        return s.get(s.size() - 1);
    }

    /** The related entity's type. */
    public QualifiedName targetType() {
        return targetType;
    }

    /** A property of the related entity, on this navigation path. */
    public <X extends Expression> X path(X property) {
        return property.under((Expr.Path) node());
    }

    /** A further single-valued navigation. */
    public <U extends EntityValue> EntityNavigation<U> path(EntityNavigation<U> next) {
        return next.under((Expr.Path) node());
    }

    /** A further collection-valued navigation. */
    public <U extends EntityValue> CollectionNavigation<U> path(CollectionNavigation<U> next) {
        return next.under((Expr.Path) node());
    }

    /**
     * The related entity viewed as a derived type, to reach the derived type's properties:
     * {@code Order.CUSTOMER.<Vip>cast(Vip.TYPE).path(Vip.LEVEL).eq(3)} renders
     * {@code Customer/Ns.Vip/Level eq 3}. A related entity of another type has null properties
     * along such a path.
     *
     * @param derivedType the derived entity type (a type cast segment)
     */
    public <U extends T> EntityNavigation<U> cast(QualifiedName derivedType) {
        return new EntityNavigation<>(TypeCast.append((Expr.Path) node(), derivedType), derivedType);
    }
}
