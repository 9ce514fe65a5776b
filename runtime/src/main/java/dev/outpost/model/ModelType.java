package dev.outpost.model;

/**
 * Any type a property, parameter or return value can have: a primitive type, a structured
 * (entity or complex) type, an enum type, a type definition, or a type from a referenced
 * document that this model does not contain.
 */
public sealed interface ModelType
        permits PrimitiveType, StructuredType, EnumType, TypeDefinition, UnresolvedType {

    /** The qualified name, for example {@code Edm.String} or {@code Trippin.Person}. */
    QualifiedName qualifiedName();
}
