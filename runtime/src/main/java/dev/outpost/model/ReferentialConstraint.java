package dev.outpost.model;

/**
 * A referential constraint of a navigation property: a dependent property whose value equals
 * a principal property of the target.
 *
 * @param property path of the dependent property on the declaring type
 * @param referencedProperty path of the principal property on the target type
 */
public record ReferentialConstraint(String property, String referencedProperty) {
}
