package dev.outpost.query;

import dev.outpost.model.QualifiedName;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A descriptor of a property of a flags enum type: its Java value is an {@link EnumSet}. The
 * store keeps the member names joined by commas, as OData writes them.
 *
 * @param <E> the generated Java enum
 */
public final class FlagsProperty<E extends Enum<E> & ODataEnum> extends EnumExpression<E>
        implements TypedProperty<Set<E>> {

    private final Class<E> enumClass;
    private final Map<String, E> byName = new HashMap<>();

    private FlagsProperty(Expr node, Class<E> enumClass, QualifiedName enumType) {
        super(node, enumType);
        this.enumClass = enumClass;
        for (E e : enumClass.getEnumConstants()) {
            byName.put(e.odataName(), e);
        }
    }

    @Override
    protected FlagsProperty<E> wrap(Expr node) {
        return new FlagsProperty<>(node, enumClass, enumType());
    }

    /** The descriptor of the named property. */
    public static <E extends Enum<E> & ODataEnum> FlagsProperty<E> of(String name, Class<E> enumClass,
                                                                       QualifiedName enumType) {
        return new FlagsProperty<>(Properties.path(name), enumClass, enumType);
    }

    @Override
    public String name() {
        return Properties.name(this);
    }

    /** {@code this eq Ns.Type'A,B'}: exactly these flags. */
    public BooleanExpression eq(Collection<E> flags) {
        return compare(Expr.BinaryOperator.EQ, literal(flags));
    }

    @Override
    public Set<E> fromValue(Object stored) {
        if (stored == null) {
            return null;
        }
        EnumSet<E> set = EnumSet.noneOf(enumClass);
        for (String part : stored.toString().split(",")) {
            String member = part.trim();
            if (member.isEmpty()) {
                continue;
            }
            E e = byName.get(member);
            if (e == null) {
                throw new IllegalArgumentException("'" + member + "' is not a member of " + enumType()
                        + "; regenerate the proxies if the service added members");
            }
            set.add(e);
        }
        return set;
    }

    @Override
    public Object toValue(Set<E> value) {
        if (value == null) {
            return null;
        }
        StringJoiner joined = new StringJoiner(",");
        for (E e : EnumSet.copyOf(value.isEmpty() ? EnumSet.noneOf(enumClass) : value)) {
            joined.add(e.odataName());
        }
        return joined.toString();
    }
}
