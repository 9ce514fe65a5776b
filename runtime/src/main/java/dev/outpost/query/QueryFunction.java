package dev.outpost.query;

import dev.outpost.model.PrimitiveType;
import dev.outpost.model.QualifiedName;

import java.util.List;

/**
 * Functions and literals that stand on their own in a filter: {@code now()}, type checks, enum
 * literals for the dynamic API, and the offline store's own functions ({@code isLocal()} and friends).
 */
public final class QueryFunction {

    private QueryFunction() {
    }

    /** {@code now()}. */
    public static DateTimeOffsetExpression now() {
        return new DateTimeOffsetExpression(new Expr.Call(FunctionName.NOW, List.of()));
    }

    /** {@code mindatetime()}. */
    public static DateTimeOffsetExpression minDateTime() {
        return new DateTimeOffsetExpression(new Expr.Call(FunctionName.MINDATETIME, List.of()));
    }

    /** {@code maxdatetime()}. */
    public static DateTimeOffsetExpression maxDateTime() {
        return new DateTimeOffsetExpression(new Expr.Call(FunctionName.MAXDATETIME, List.of()));
    }

    /** {@code not filter}. */
    public static BooleanExpression not(BooleanExpression filter) {
        return filter.not();
    }

    /** {@code isof(Ns.Type)}: the current entity is of that type (or derived from it). */
    public static BooleanExpression isOf(QualifiedName type) {
        return new BooleanExpression(new Expr.TypeCheck(Expr.TypeOperator.ISOF, null, type));
    }

    /** {@code isof(expression, Ns.Type)}. */
    public static BooleanExpression isOf(Expression target, QualifiedName type) {
        return new BooleanExpression(new Expr.TypeCheck(Expr.TypeOperator.ISOF, target.node(), type));
    }

    /**
     * {@code cast(Ns.Type)}: the current entity if it is of that type (or derived from it), else null;
     * compare it with null: {@code cast(RushOrder.TYPE).isNotNull()}.
     */
    public static Expression cast(QualifiedName type) {
        return new ComparableExpression<>(new Expr.TypeCheck(Expr.TypeOperator.CAST, null, type), null);
    }

    /**
     * {@code cast(navigation, Ns.Type)}: the related entity if it is of that (derived) type, else null.
     * To reach the derived type's properties, cast inside the path instead
     * ({@link EntityNavigation#cast}).
     */
    public static Expression cast(Expression target, QualifiedName type) {
        return new ComparableExpression<>(new Expr.TypeCheck(Expr.TypeOperator.CAST, target.node(), type), null);
    }

    /** {@code cast(expression, Edm.String)}: the value as a string. */
    public static StringExpression castToString(Expression target) {
        return new StringExpression(new Expr.TypeCheck(Expr.TypeOperator.CAST, target.node(),
                PrimitiveType.STRING.qualifiedName()));
    }

    /**
     * {@code cast(expression, Edm.Int32)} and the other numeric types: the value as a number of that
     * type (null where it does not convert).
     *
     * @param numericType an integer, decimal or floating-point type
     */
    public static NumericExpression<Number> castToNumber(Expression target, PrimitiveType numericType) {
        PrimitiveType.Family f = numericType.family();
        if (f != PrimitiveType.Family.INTEGER && f != PrimitiveType.Family.DECIMAL && f != PrimitiveType.Family.FLOATING) {
            throw new IllegalArgumentException(numericType + " is not a numeric type");
        }
        return new NumericExpression<>(new Expr.TypeCheck(Expr.TypeOperator.CAST, target.node(),
                numericType.qualifiedName()), numericType);
    }

    /** A literal of the given Edm type, for comparisons in the dynamic API. */
    public static Expression literal(PrimitiveType type, Object value) {
        return new ComparableExpression<>(Literals.of(type, value), type);
    }

    /** An enum literal {@code Ns.Type'Member'} (several members combine flags), for the dynamic API. */
    public static Expression enumValue(QualifiedName enumType, String... members) {
        return new ComparableExpression<>(new Expr.EnumLiteral(enumType, List.of(members)), null);
    }

    /** {@code left has Ns.Type'Flag'} for the dynamic API. */
    public static BooleanExpression has(Expression left, Expression flag) {
        return new BooleanExpression(new Expr.Binary(Expr.BinaryOperator.HAS, left.node(), flag.node()));
    }

    /** Whether a related entity exists along the navigation (offline store only). */
    public static BooleanExpression entityExists(Expression navigation) {
        if (!(navigation.node() instanceof Expr.Path)) {
            throw new IllegalArgumentException("entityExists needs a navigation path, not " + navigation);
        }
        return new BooleanExpression(new Expr.Call(FunctionName.ENTITY_EXISTS, List.of(navigation.node())));
    }

    /** Whether the entity was created or changed locally (offline store only). */
    public static BooleanExpression isLocal() {
        return new BooleanExpression(new Expr.Call(FunctionName.IS_LOCAL, List.of()));
    }

    /** Whether requests for the entity wait in the request queue (offline store only). */
    public static BooleanExpression hasPendingChanges() {
        return new BooleanExpression(new Expr.Call(FunctionName.HAS_PENDING_CHANGES, List.of()));
    }

    /** Whether a failed request for the entity is in the error archive (offline store only). */
    public static BooleanExpression inErrorState() {
        return new BooleanExpression(new Expr.Call(FunctionName.IN_ERROR_STATE, List.of()));
    }
}
