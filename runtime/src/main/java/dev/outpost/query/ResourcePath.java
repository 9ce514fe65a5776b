package dev.outpost.query;

import dev.outpost.model.QualifiedName;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The resource part of a query URL: an entity set or singleton, optionally a key, navigations,
 * type casts and {@code $count}, such as {@code WorkOrders(42)/Tasks/$count}.
 *
 * @param segments the segments in order
 */
public record ResourcePath(List<Segment> segments) {

    public ResourcePath {
        segments = List.copyOf(segments);
        if (segments.isEmpty() || !(segments.get(0) instanceof Named)) {
            throw new IllegalArgumentException("a resource path starts with an entity set or singleton name");
        }
    }

    /** One segment of a resource path. */
    public sealed interface Segment permits Named, Key, Cast, Count {
    }

    /** An entity set, singleton or navigation property name. */
    public record Named(String name) implements Segment {
        public Named {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A key predicate: one unnamed part for single keys ({@code (42)}), named parts for
     * composite keys ({@code (WorkOrderId=1,LineNo=2)}).
     */
    public record Key(List<KeyPart> parts) implements Segment {
        public Key {
            parts = List.copyOf(parts);
        }
    }

    /**
     * One part of a key predicate.
     *
     * @param name the key property (or alias), or null for a single unnamed key value
     * @param value the key value
     */
    public record KeyPart(String name, Expr.Literal value) {
    }

    /** A type cast to a derived type. */
    public record Cast(QualifiedName type) implements Segment {
    }

    /** {@code $count}. */
    public record Count() implements Segment {
    }

    /** A path with one entity set or singleton. */
    public static ResourcePath of(String entitySet) {
        return new ResourcePath(List.of(new Named(entitySet)));
    }

    /** This path with another segment appended. */
    public ResourcePath then(Segment segment) {
        List<Segment> all = new ArrayList<>(segments);
        all.add(segment);
        return new ResourcePath(all);
    }

    /** The entity set or singleton the path starts at. */
    public String root() {
        return ((Named) segments.get(0)).name();
    }

    /** Whether the path ends in {@code $count}. */
    public boolean isCount() {
        return segments.get(segments.size() - 1) instanceof Count;
    }
}
