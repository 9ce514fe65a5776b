package dev.outpost.model;

/**
 * The return type of an action or function.
 *
 * @param type the returned type
 * @param nullable whether null may be returned
 * @param facets its facets
 */
public record ReturnType(TypeRef type, boolean nullable, Facets facets) {
}
