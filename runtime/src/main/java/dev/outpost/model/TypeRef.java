package dev.outpost.model;

/**
 * A reference to a type as written on a property, parameter or return type.
 *
 * @param name the alias-resolved qualified name of the type
 * @param collection whether the value is a collection ({@code Collection(...)} in CSDL)
 */
public record TypeRef(QualifiedName name, boolean collection) {

    /** The primitive type this reference names, or null when it names a model type. */
    public PrimitiveType primitive() {
        return PrimitiveType.of(name).orElse(null);
    }

    @Override
    public String toString() {
        return collection ? "Collection(" + name + ")" : name.toString();
    }
}
