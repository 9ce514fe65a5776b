package dev.outpost.model;

/**
 * A type definition: a named primitive type with facets.
 *
 * @param qualifiedName the type's name
 * @param underlyingType the primitive type it refines
 * @param facets its facets
 * @param annotations annotations on the type definition
 * @param location where it was written
 */
public record TypeDefinition(QualifiedName qualifiedName, PrimitiveType underlyingType, Facets facets,
                             Annotations annotations, SourceLocation location) implements ModelType, Annotatable {
}
