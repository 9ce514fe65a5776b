package dev.outpost.model;

import java.util.List;

/**
 * A vocabulary term declared by the service itself.
 *
 * @param qualifiedName the term's name
 * @param type the type of its values
 * @param baseTerm the term it specialises, or null
 * @param appliesTo the element kinds it may annotate (empty: any)
 * @param annotations annotations on the term
 * @param location where it was written
 */
public record Term(QualifiedName qualifiedName, TypeRef type, QualifiedName baseTerm, List<String> appliesTo,
                   Annotations annotations, SourceLocation location) implements Annotatable {

    public Term {
        appliesTo = List.copyOf(appliesTo);
    }
}
