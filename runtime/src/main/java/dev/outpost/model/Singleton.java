package dev.outpost.model;

import java.util.List;

/**
 * A singleton: a single entity addressed by name.
 *
 * @param name the singleton's name
 * @param type its entity type
 * @param navigationPropertyBindings where navigation targets live
 * @param annotations annotations on the singleton
 * @param location where it was written
 */
public record Singleton(String name, QualifiedName type, List<NavigationPropertyBinding> navigationPropertyBindings,
                        Annotations annotations, SourceLocation location) implements Annotatable {

    public Singleton {
        navigationPropertyBindings = List.copyOf(navigationPropertyBindings);
    }
}
