package dev.outpost.model;

import java.util.List;

/**
 * A complex type.
 *
 * @param qualifiedName the type's name
 * @param baseType the base type's name, or null
 * @param isAbstract whether the type is abstract
 * @param isOpenType whether instances may carry dynamic properties
 * @param declaredProperties structural properties declared on this type
 * @param declaredNavigationProperties navigation properties declared on this type
 * @param annotations annotations on the type
 * @param location where the type was written
 */
public record ComplexType(QualifiedName qualifiedName, QualifiedName baseType, boolean isAbstract, boolean isOpenType,
                          List<Property> declaredProperties, List<NavigationProperty> declaredNavigationProperties,
                          Annotations annotations, SourceLocation location) implements StructuredType {

    public ComplexType {
        declaredProperties = List.copyOf(declaredProperties);
        declaredNavigationProperties = List.copyOf(declaredNavigationProperties);
    }
}
