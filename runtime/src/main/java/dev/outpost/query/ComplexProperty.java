package dev.outpost.query;

import dev.outpost.ComplexValue;
import dev.outpost.model.QualifiedName;
import dev.outpost.spi.ValueFactory;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A descriptor of a complex-typed property. Reach the nested properties with {@link #path}:
 * {@code WorkOrder.SITE_ADDRESS.path(Address.CITY).eq("Lyon")} renders {@code SiteAddress/City eq 'Lyon'}.
 *
 * @param <C> the complex value's class
 */
public final class ComplexProperty<C extends ComplexValue> extends Expression implements TypedProperty<C> {

    private final Class<C> javaType;
    /** Creates the typed value a dynamic value of the given actual type converts to. */
    private final Function<QualifiedName, ? extends ComplexValue> factory;
    private final QualifiedName complexType;

    private ComplexProperty(Expr node, Class<C> javaType, Function<QualifiedName, ? extends ComplexValue> factory,
                            QualifiedName complexType) {
        super(node);
        this.javaType = javaType;
        this.factory = factory;
        this.complexType = complexType;
    }

    /**
     * The descriptor of the named property of a complex type without derived types: a dynamic
     * value converts to {@code factory}'s class.
     */
    public static <C extends ComplexValue> ComplexProperty<C> of(String name, QualifiedName complexType,
                                                                 Class<C> javaType, Supplier<C> factory) {
        Objects.requireNonNull(factory, "factory");
        return new ComplexProperty<>(Properties.path(name), javaType, actual -> factory.get(), complexType);
    }

    /**
     * The descriptor of the named property of an abstract complex type, or of one with derived
     * types: a dynamic value converts to the class the service's value factory creates for the
     * value's <em>actual</em> type, so that a {@code Circle} held by a {@code Shape} property stays a
     * {@code Circle}.
     *
     * @param valueFactory the generated service's value factory (for generated code)
     */
    public static <C extends ComplexValue> ComplexProperty<C> of(String name, QualifiedName complexType,
                                                                 Class<C> javaType, ValueFactory valueFactory) {
        Objects.requireNonNull(valueFactory, "valueFactory");
        return new ComplexProperty<>(Properties.path(name), javaType, valueFactory::newComplex, complexType);
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
            ComplexValue created = factory.apply(dynamic.complexType());
            if (!javaType.isInstance(created)) {
                throw new ClassCastException("property '" + name() + "' holds a value of type " + dynamic.complexType()
                        + ", which has no generated class that extends " + javaType.getName()
                        + "; regenerate the proxies if the service added the type");
            }
            C typed = javaType.cast(created);
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
