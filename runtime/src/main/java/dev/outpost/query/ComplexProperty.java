package dev.outpost.query;

import dev.outpost.ComplexValue;
import dev.outpost.model.QualifiedName;

import java.util.function.Supplier;

/**
 * A descriptor of a complex-typed property. Reach the nested properties with {@link #path}:
 * {@code WorkOrder.SITE_ADDRESS.path(Address.CITY).eq("Lyon")} renders {@code SiteAddress/City eq 'Lyon'}.
 *
 * @param <C> the complex value's class
 */
public final class ComplexProperty<C extends ComplexValue> extends Expression implements TypedProperty<C> {

    private final Class<C> javaType;
    private final Supplier<C> factory;
    private final QualifiedName complexType;

    private ComplexProperty(Expr node, Class<C> javaType, Supplier<C> factory, QualifiedName complexType) {
        super(node);
        this.javaType = javaType;
        this.factory = factory;
        this.complexType = complexType;
    }

    /** The descriptor of the named property. */
    public static <C extends ComplexValue> ComplexProperty<C> of(String name, QualifiedName complexType,
                                                                 Class<C> javaType, Supplier<C> factory) {
        return new ComplexProperty<>(Properties.path(name), javaType, factory, complexType);
    }

    @Override
    protected ComplexProperty<C> wrap(Expr node) {
        return new ComplexProperty<>(node, javaType, factory, complexType);
    }

    /** The complex type. */
    public QualifiedName complexType() {
        return complexType;
    }

    /** A nested property of the complex value, on this property's path. */
    public <X extends Expression> X path(X property) {
        return property.under((Expr.Path) node());
    }

    @Override
    public String name() {
        return Properties.name(this);
    }

    @Override
    public C fromValue(Object stored) {
        if (stored == null || javaType.isInstance(stored)) {
            return javaType.cast(stored);
        }
        if (stored instanceof ComplexValue dynamic) {
            C typed = factory.get();
            dynamic.names().forEach(n -> typed.setValue(n, dynamic.getValue(n)));
            return typed;
        }
        throw new ClassCastException("property '" + name() + "' holds a " + stored.getClass().getSimpleName()
                + ", not a complex value");
    }

    @Override
    public Object toValue(C value) {
        return value;
    }
}
