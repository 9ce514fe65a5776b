package dev.outpost.query;

import dev.outpost.EntityValue;
import dev.outpost.model.QualifiedName;

import java.util.List;
import java.util.Objects;

/**
 * A type cast segment at the start of a path: the queried entity viewed as a derived type, to
 * reach the derived type's properties and navigations in {@code $filter}, {@code $orderby},
 * {@code $select} and {@code $expand}:
 * <pre>{@code
 * TypeCast<RushOrder> rush = TypeCast.to(RushOrder.TYPE);
 * DataQuery.from("Orders")
 *     .filter(rush.path(RushOrder.FEE).gt(10))    // $filter=Ns.RushOrder/Fee gt 10
 *     .select(rush.path(RushOrder.FEE))           // $select=Ns.RushOrder/Fee
 *     .expand(rush.path(RushOrder.COURIER));      // $expand=Ns.RushOrder/Courier
 * }</pre>
 * Entities of another type have null properties and no related entities along such paths. To
 * read only entities of the derived type, use {@link DataQuery#ofType} or {@link QueryFunction#isOf}.
 *
 * @param <T> the derived type's class
 */
public final class TypeCast<T extends EntityValue> {

    private final Expr.Path path;
    private final QualifiedName type;

    private TypeCast(QualifiedName type) {
        this.type = Objects.requireNonNull(type, "type");
        this.path = new Expr.Path(null, List.of(type.toString()));
    }

    /** The queried entity viewed as {@code derivedType}. */
    public static <T extends EntityValue> TypeCast<T> to(QualifiedName derivedType) {
        return new TypeCast<>(derivedType);
    }

    /** The derived type. */
    public QualifiedName type() {
        return type;
    }

    /** A property of the derived type: {@code Ns.RushOrder/Fee}. */
    public <X extends Expression> X path(X property) {
        return property.under(path);
    }

    /** A single-valued navigation of the derived type. */
    public <U extends EntityValue> EntityNavigation<U> path(EntityNavigation<U> navigation) {
        return navigation.under(path);
    }

    /** A collection-valued navigation of the derived type. */
    public <U extends EntityValue> CollectionNavigation<U> path(CollectionNavigation<U> navigation) {
        return navigation.under(path);
    }

    /** {@code path} followed by a type cast segment. */
    static Expr.Path append(Expr.Path path, QualifiedName type) {
        return path.then(List.of(Objects.requireNonNull(type, "type").toString()));
    }

    @Override
    public String toString() {
        return type.toString();
    }
}
