package dev.outpost.model;

/**
 * A type declared in a document that the service's {@code $metadata} references
 * ({@code edmx:Reference}/{@code edmx:Include}) but does not contain. Reading tolerates such
 * references; consumers treat the type as opaque.
 *
 * @param qualifiedName the alias-resolved name of the missing type
 */
public record UnresolvedType(QualifiedName qualifiedName) implements ModelType {
}
