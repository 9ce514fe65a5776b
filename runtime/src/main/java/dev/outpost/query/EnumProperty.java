package dev.outpost.query;

import dev.outpost.model.QualifiedName;

import java.util.HashMap;
import java.util.Map;

/**
 * A descriptor of a property of a (non-flags) enum type, typed by its generated Java enum. The
 * store keeps the member name; this converts it.
 *
 * @param <E> the generated Java enum
 */
public final class EnumProperty<E extends Enum<E> & ODataEnum> extends EnumExpression<E> implements TypedProperty<E> {

    private final Class<E> enumClass;
    private final Map<String, E> byName = new HashMap<>();

    private EnumProperty(Expr node, Class<E> enumClass, QualifiedName enumType) {
        super(node, enumType);
        this.enumClass = enumClass;
        for (E e : enumClass.getEnumConstants()) {
            byName.put(e.odataName(), e);
        }
    }

    @Override
    protected EnumProperty<E> wrap(Expr node) {
        return new EnumProperty<>(node, enumClass, enumType());
    }

    /** The descriptor of the named property. */
    public static <E extends Enum<E> & ODataEnum> EnumProperty<E> of(String name, Class<E> enumClass,
                                                                      QualifiedName enumType) {
        return new EnumProperty<>(Properties.path(name), enumClass, enumType);
    }

    @Override
    public String name() {
        return Properties.name(this);
    }

    @Override
    public E fromValue(Object stored) {
        if (stored == null) {
            return null;
        }
        E e = byName.get(stored.toString());
        if (e == null) {
            throw new IllegalArgumentException("'" + stored + "' is not a member of " + enumType()
                    + "; regenerate the proxies if the service added members");
        }
        return e;
    }

    @Override
    public Object toValue(E value) {
        return value == null ? null : value.odataName();
    }
}
