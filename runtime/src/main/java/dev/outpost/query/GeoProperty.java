package dev.outpost.query;

import dev.outpost.GeoValue;
import dev.outpost.model.PrimitiveType;

/** A descriptor of a geography or geometry property. */
public final class GeoProperty extends GeoExpression implements TypedProperty<GeoValue> {

    private final PrimitiveType type;

    private GeoProperty(Expr node, PrimitiveType type) {
        super(node, type);
        this.type = type;
    }

    @Override
    protected GeoProperty wrap(Expr node) {
        return new GeoProperty(node, type);
    }

    /** The descriptor of the named property of the given geo type. */
    public static GeoProperty of(String name, PrimitiveType type) {
        if (type.family() != PrimitiveType.Family.GEO) {
            throw new IllegalArgumentException(type.edmName() + " is not a geography or geometry type");
        }
        return new GeoProperty(Properties.path(name), type);
    }

    @Override
    public String name() {
        return Properties.name(this);
    }

    @Override
    public GeoValue fromValue(Object stored) {
        return Properties.cast(stored, GeoValue.class, name());
    }

    @Override
    public Object toValue(GeoValue value) {
        return value;
    }
}
