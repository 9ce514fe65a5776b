package dev.outpost.model;

/** A model element that can carry annotations and knows where it was written. */
public interface Annotatable {

    /** The annotations applied to this element, inline and external. */
    Annotations annotations();

    /** Where this element was written. */
    SourceLocation location();
}
