package dev.outpost.model;

import java.util.Objects;

/**
 * A structural property.
 *
 * @param name the property name
 * @param type the property type
 * @param nullable whether null is allowed
 * @param facets MaxLength, Precision, Scale, SRID, Unicode
 * @param defaultValue the {@code DefaultValue} literal, or null
 * @param annotations annotations on the property
 * @param location where the property was written
 */
public record Property(String name, TypeRef type, boolean nullable, Facets facets, String defaultValue,
                       Annotations annotations, SourceLocation location) implements Annotatable {

    public Property {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(facets, "facets");
    }

    /** Whether the server computes this property ({@code Core.Computed}). */
    public boolean isComputed() {
        return annotations.isTagged(Terms.CORE_COMPUTED);
    }

    /** Whether this property cannot change after create ({@code Core.Immutable}). */
    public boolean isImmutable() {
        return annotations.isTagged(Terms.CORE_IMMUTABLE);
    }
}
