package dev.outpost.query;

import dev.outpost.model.PrimitiveType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A descriptor of a collection-valued structural property, such as {@code Collection(Edm.String)}
 * or a collection of a complex or enum type.
 *
 * @param <T> the Java type of one element
 * @param <E> the expression type of one element inside lambda operators
 */
public final class CollectionProperty<T, E extends Expression> extends CollectionExpression<E>
        implements TypedProperty<List<T>> {

    private final Function<Expr, E> elementExpression;
    private final TypedProperty<T> element;

    private CollectionProperty(Expr node, Function<Expr, E> elementExpression, TypedProperty<T> element) {
        super(node, elementExpression);
        this.elementExpression = elementExpression;
        this.element = element;
    }

    @Override
    protected CollectionProperty<T, E> wrap(Expr node) {
        return new CollectionProperty<>(node, elementExpression, element);
    }

    /**
     * A collection whose elements are described by {@code element}: a descriptor of the element
     * type (its name is not used) whose expression kind is used inside lambdas.
     */
    @SuppressWarnings("unchecked")
    public static <T, P extends Expression & TypedProperty<T>> CollectionProperty<T, P> of(String name, P element) {
        return new CollectionProperty<>(Properties.path(name), node -> (P) element.wrap(node), element);
    }

    /** A collection of strings. */
    public static CollectionProperty<String, StringExpression> ofStrings(String name) {
        StringProperty element = StringProperty.of("$it");
        return new CollectionProperty<>(Properties.path(name), StringExpression::new, element);
    }

    /** A collection of a numeric type. */
    public static <N extends Number> CollectionProperty<N, NumericExpression<N>> ofNumbers(String name,
                                                                                         TypedProperty<N> element,
                                                                                         PrimitiveType type) {
        return new CollectionProperty<>(Properties.path(name), node -> new NumericExpression<>(node, type), element);
    }

    @Override
    public String name() {
        return Properties.name(this);
    }

    @Override
    public List<T> fromValue(Object stored) {
        if (stored == null) {
            return null;
        }
        if (!(stored instanceof List<?> list)) {
            throw new ClassCastException("property '" + name() + "' holds a " + stored.getClass().getSimpleName()
                    + ", not a collection");
        }
        List<T> out = new ArrayList<>(list.size());
        for (Object o : list) {
            out.add(element.fromValue(o));
        }
        return out;
    }

    @Override
    public Object toValue(List<T> value) {
        if (value == null) {
            return null;
        }
        List<Object> out = new ArrayList<>(value.size());
        for (T t : value) {
            out.add(element.toValue(t));
        }
        return out;
    }
}
