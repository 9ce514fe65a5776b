package dev.outpost.model;

/**
 * An action import or function import: an unbound operation exposed by the entity container.
 *
 * @param kind action or function
 * @param name the import's name
 * @param operation the imported operation
 * @param entitySet the entity set of returned entities, or null
 * @param includeInServiceDocument whether the service document lists it (functions only)
 * @param annotations annotations on the import
 * @param location where it was written
 */
public record OperationImport(Operation.Kind kind, String name, QualifiedName operation, String entitySet,
                              boolean includeInServiceDocument, Annotations annotations, SourceLocation location)
        implements Annotatable {
}
