package dev.outpost.model;

import java.util.List;
import java.util.Optional;

/** An entity type or a complex type: a type with structural and navigation properties. */
public sealed interface StructuredType extends ModelType, Annotatable permits EntityType, ComplexType {

    /** The base type's name, or null when this type has no base type. */
    QualifiedName baseType();

    /** Whether the type is abstract. */
    boolean isAbstract();

    /** Whether instances may carry dynamic properties. */
    boolean isOpenType();

    /** Structural properties declared on this type (not inherited ones). */
    List<Property> declaredProperties();

    /** Navigation properties declared on this type (not inherited ones). */
    List<NavigationProperty> declaredNavigationProperties();

    /** The declared structural property with this name. */
    default Optional<Property> declaredProperty(String name) {
        return declaredProperties().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The declared navigation property with this name. */
    default Optional<NavigationProperty> declaredNavigationProperty(String name) {
        return declaredNavigationProperties().stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
