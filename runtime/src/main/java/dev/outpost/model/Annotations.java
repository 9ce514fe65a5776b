package dev.outpost.model;

import java.util.List;
import java.util.Optional;

/**
 * The annotations applied to one model element, inline and external together.
 *
 * @param all every annotation, in document order (inline first)
 */
public record Annotations(List<Annotation> all) {

    /** No annotations. */
    public static final Annotations NONE = new Annotations(List.of());

    public Annotations {
        all = List.copyOf(all);
    }

    /** The unqualified annotation with this term, or else the first qualified one. */
    public Optional<Annotation> find(QualifiedName term) {
        Annotation qualified = null;
        for (Annotation a : all) {
            if (a.term().equals(term)) {
                if (a.qualifier() == null) {
                    return Optional.of(a);
                }
                if (qualified == null) {
                    qualified = a;
                }
            }
        }
        return Optional.ofNullable(qualified);
    }

    /** Whether the term is applied. */
    public boolean has(QualifiedName term) {
        return find(term).isPresent();
    }

    /**
     * Whether a tag term (such as {@code Core.Computed}) is applied and not set to false: an
     * annotation without a value or with {@code Bool="true"} counts.
     */
    public boolean isTagged(QualifiedName term) {
        return find(term).map(a -> isTrue(a.value())).orElse(false);
    }

    /** The text of a string-valued annotation, for example {@code Core.Description}. */
    public Optional<String> string(QualifiedName term) {
        return find(term).map(Annotation::value)
                .filter(v -> v instanceof AnnotationValue.Constant)
                .map(v -> ((AnnotationValue.Constant) v).text());
    }

    /** The record value of a record-typed annotation, for example {@code Capabilities.InsertRestrictions}. */
    public Optional<AnnotationValue.RecordValue> record(QualifiedName term) {
        return find(term).map(Annotation::value)
                .filter(v -> v instanceof AnnotationValue.RecordValue)
                .map(v -> (AnnotationValue.RecordValue) v);
    }

    /** Whether a value counts as true for a tag term or a boolean record property. */
    public static boolean isTrue(AnnotationValue value) {
        return value instanceof AnnotationValue.Absent
                || (value instanceof AnnotationValue.Constant c && c.isTrue());
    }

    /** Whether a value is a {@code Bool} constant that is false. */
    public static boolean isFalse(AnnotationValue value) {
        return value instanceof AnnotationValue.Constant c
                && c.kind() == AnnotationValue.ConstantKind.BOOL && !c.isTrue();
    }
}
