package dev.outpost.query;

import dev.outpost.StreamLink;

/** A descriptor of an {@code Edm.Stream} property: only its links are kept offline. */
public final class StreamProperty extends Expression implements TypedProperty<StreamLink> {

    private StreamProperty(Expr node) {
        super(node);
    }

    /** The descriptor of the named property. */
    public static StreamProperty of(String name) {
        return new StreamProperty(Properties.path(name));
    }

    @Override
    protected StreamProperty wrap(Expr node) {
        return new StreamProperty(node);
    }

    @Override
    public String name() {
        return Properties.name(this);
    }

    @Override
    public StreamLink fromValue(Object stored) {
        return Properties.cast(stored, StreamLink.class, name());
    }

    @Override
    public Object toValue(StreamLink value) {
        return value;
    }
}
