package dev.outpost.model;

import java.util.List;
import java.util.Optional;

/**
 * The entity container: the entity sets, singletons and operation imports a service exposes.
 *
 * @param qualifiedName the container's name
 * @param extendsContainer the container it extends, or null
 * @param entitySets its entity sets
 * @param singletons its singletons
 * @param operationImports its action and function imports
 * @param annotations annotations on the container
 * @param location where it was written
 */
public record EntityContainer(QualifiedName qualifiedName, QualifiedName extendsContainer, List<EntitySet> entitySets,
                              List<Singleton> singletons, List<OperationImport> operationImports,
                              Annotations annotations, SourceLocation location) implements Annotatable {

    public EntityContainer {
        entitySets = List.copyOf(entitySets);
        singletons = List.copyOf(singletons);
        operationImports = List.copyOf(operationImports);
    }

    /** The entity set with this name. */
    public Optional<EntitySet> entitySet(String name) {
        return entitySets.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The singleton with this name. */
    public Optional<Singleton> singleton(String name) {
        return singletons.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
