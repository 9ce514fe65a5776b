package dev.outpost.model;

import java.util.List;

/**
 * A navigation property.
 *
 * @param name the property name
 * @param targetType the entity type it leads to
 * @param collection whether it is collection-valued
 * @param nullable whether a single-valued navigation may be empty (0..1)
 * @param partner the partner navigation property on the target type, or null
 * @param containsTarget whether the target entities are contained in the declaring entity
 * @param referentialConstraints dependent/principal property pairs
 * @param onDelete the {@code OnDelete} action, or null
 * @param annotations annotations on the navigation property
 * @param location where the navigation property was written
 */
public record NavigationProperty(String name, QualifiedName targetType, boolean collection, boolean nullable,
                                 String partner, boolean containsTarget,
                                 List<ReferentialConstraint> referentialConstraints, OnDeleteAction onDelete,
                                 Annotations annotations, SourceLocation location) implements Annotatable {

    public NavigationProperty {
        referentialConstraints = List.copyOf(referentialConstraints);
    }
}
