package dev.outpost.model;

import java.util.List;

/**
 * An entity type.
 *
 * @param qualifiedName the type's name
 * @param baseType the base type's name, or null
 * @param isAbstract whether the type is abstract
 * @param isOpenType whether instances may carry dynamic properties
 * @param hasStream whether the entity is a media entity ({@code HasStream="true"})
 * @param declaredKey the key declared on this type; empty when inherited or missing
 * @param declaredProperties structural properties declared on this type
 * @param declaredNavigationProperties navigation properties declared on this type
 * @param annotations annotations on the type
 * @param location where the type was written
 */
public record EntityType(QualifiedName qualifiedName, QualifiedName baseType, boolean isAbstract, boolean isOpenType,
                         boolean hasStream, List<PropertyRef> declaredKey, List<Property> declaredProperties,
                         List<NavigationProperty> declaredNavigationProperties, Annotations annotations,
                         SourceLocation location) implements StructuredType {

    public EntityType {
        declaredKey = List.copyOf(declaredKey);
        declaredProperties = List.copyOf(declaredProperties);
        declaredNavigationProperties = List.copyOf(declaredNavigationProperties);
    }
}
