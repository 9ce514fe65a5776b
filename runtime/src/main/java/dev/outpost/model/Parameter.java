package dev.outpost.model;

/**
 * A parameter of an action or function.
 *
 * @param name the parameter name
 * @param type its type
 * @param nullable whether null is allowed
 * @param facets its facets
 * @param annotations annotations on the parameter
 */
public record Parameter(String name, TypeRef type, boolean nullable, Facets facets, Annotations annotations) {
}
