package dev.outpost.query;

import dev.outpost.model.QualifiedName;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * An expression of an OData enum type, typed by its generated Java enum.
 *
 * @param <E> the generated Java enum
 */
public class EnumExpression<E extends Enum<E> & ODataEnum> extends Expression {

    private final QualifiedName enumType;

    public EnumExpression(Expr node, QualifiedName enumType) {
        super(node);
        this.enumType = enumType;
    }

    @Override
    protected EnumExpression<E> wrap(Expr node) {
        return new EnumExpression<>(node, enumType);
    }

    /** The OData enum type. */
    public QualifiedName enumType() {
        return enumType;
    }

    final Expr literal(Collection<E> members) {
        List<String> names = new ArrayList<>();
        for (E e : members) {
            names.add(e.odataName());
        }
        return new Expr.EnumLiteral(enumType, names);
    }

    /** {@code this eq Ns.Type'Member'}. */
    public BooleanExpression eq(E value) {
        return compare(Expr.BinaryOperator.EQ, literal(List.of(value)));
    }

    /** {@code this ne Ns.Type'Member'}. */
    public BooleanExpression ne(E value) {
        return compare(Expr.BinaryOperator.NE, literal(List.of(value)));
    }

    /** {@code this has Ns.Type'Member'}: whether a flag is set. */
    public BooleanExpression has(E flag) {
        return compare(Expr.BinaryOperator.HAS, literal(List.of(flag)));
    }

    /** {@code this in (Ns.Type'A', Ns.Type'B')}. */
    @SafeVarargs
    public final BooleanExpression in(E... values) {
        List<Expr> nodes = new ArrayList<>();
        for (E e : values) {
            nodes.add(literal(List.of(e)));
        }
        return new BooleanExpression(new Expr.In(node(), nodes));
    }
}
