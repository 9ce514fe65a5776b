package dev.outpost.model;

import java.util.List;
import java.util.Optional;

/**
 * An entity set.
 *
 * @param name the set's name
 * @param entityType the type of its entities
 * @param navigationPropertyBindings where navigation targets live
 * @param includeInServiceDocument whether the service document lists the set
 * @param annotations annotations on the set, for example {@code Core.OptimisticConcurrency}
 * @param location where the set was written
 */
public record EntitySet(String name, QualifiedName entityType, List<NavigationPropertyBinding> navigationPropertyBindings,
                        boolean includeInServiceDocument, Annotations annotations, SourceLocation location)
        implements Annotatable {

    public EntitySet {
        navigationPropertyBindings = List.copyOf(navigationPropertyBindings);
    }

    /** The binding target of a navigation path, if the set binds it. */
    public Optional<String> bindingTarget(String path) {
        return navigationPropertyBindings.stream().filter(b -> b.path().equals(path))
                .map(NavigationPropertyBinding::target).findFirst();
    }
}
