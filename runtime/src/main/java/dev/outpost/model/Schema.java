package dev.outpost.model;

/**
 * A CSDL schema: the namespace that types, operations and the container are declared in.
 *
 * @param namespace the namespace
 * @param alias the alias, or null
 * @param annotations annotations on the schema
 * @param location where it was written
 */
public record Schema(String namespace, String alias, Annotations annotations, SourceLocation location)
        implements Annotatable {
}
