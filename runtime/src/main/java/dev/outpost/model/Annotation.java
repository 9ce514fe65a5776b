package dev.outpost.model;

import java.util.Objects;

/**
 * One vocabulary annotation applied to a model element, inline or through an external
 * {@code <Annotations Target=...>} block.
 *
 * @param term the alias-resolved term, for example {@code Org.OData.Core.V1.Computed}
 * @param qualifier the qualifier, or null
 * @param value the annotation's value ({@link AnnotationValue.Absent} when none was written)
 * @param location where the annotation was written
 */
public record Annotation(QualifiedName term, String qualifier, AnnotationValue value, SourceLocation location) {

    public Annotation {
        Objects.requireNonNull(term, "term");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(location, "location");
    }
}
