package dev.outpost.model;

/**
 * One member of an enum type.
 *
 * @param name the member name
 * @param value the numeric value (explicit, or assigned in declaration order)
 * @param annotations annotations on the member
 * @param location where the member was written
 */
public record EnumMember(String name, long value, Annotations annotations, SourceLocation location)
        implements Annotatable {
}
