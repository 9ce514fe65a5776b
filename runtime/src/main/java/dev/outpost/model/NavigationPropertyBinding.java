package dev.outpost.model;

/**
 * Binds a navigation property path of an entity set or singleton to the entity set or singleton
 * its targets live in.
 *
 * @param path the navigation path, possibly with type casts ({@code Ns.Derived/Nav})
 * @param target the target entity set or singleton, possibly qualified by container
 */
public record NavigationPropertyBinding(String path, String target) {
}
