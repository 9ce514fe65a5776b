package dev.outpost.model;

import java.util.List;
import java.util.Optional;

/**
 * An enum type.
 *
 * @param qualifiedName the type's name
 * @param underlyingType the integer type of member values
 * @param isFlags whether values combine as bit flags
 * @param members the members in declaration order
 * @param annotations annotations on the type
 * @param location where the type was written
 */
public record EnumType(QualifiedName qualifiedName, PrimitiveType underlyingType, boolean isFlags,
                       List<EnumMember> members, Annotations annotations, SourceLocation location)
        implements ModelType, Annotatable {

    public EnumType {
        members = List.copyOf(members);
    }

    /** The member with this name. */
    public Optional<EnumMember> member(String name) {
        return members.stream().filter(m -> m.name().equals(name)).findFirst();
    }
}
