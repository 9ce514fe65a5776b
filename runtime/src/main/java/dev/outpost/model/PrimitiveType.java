package dev.outpost.model;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The OData v4 primitive types ({@code Edm.*}), including the geography/geometry types and the
 * abstract types that vocabularies and some services use.
 */
public enum PrimitiveType implements ModelType {
    STRING("String", Family.STRING),
    BOOLEAN("Boolean", Family.BOOLEAN),
    BYTE("Byte", Family.INTEGER),
    SBYTE("SByte", Family.INTEGER),
    INT16("Int16", Family.INTEGER),
    INT32("Int32", Family.INTEGER),
    INT64("Int64", Family.INTEGER),
    DECIMAL("Decimal", Family.DECIMAL),
    SINGLE("Single", Family.FLOATING),
    DOUBLE("Double", Family.FLOATING),
    DATE("Date", Family.DATE),
    TIME_OF_DAY("TimeOfDay", Family.TIME_OF_DAY),
    DATE_TIME_OFFSET("DateTimeOffset", Family.DATE_TIME_OFFSET),
    DURATION("Duration", Family.DURATION),
    GUID("Guid", Family.GUID),
    BINARY("Binary", Family.BINARY),
    STREAM("Stream", Family.STREAM),
    UNTYPED("Untyped", Family.UNTYPED),
    GEOGRAPHY("Geography", Family.GEO),
    GEOGRAPHY_POINT("GeographyPoint", Family.GEO),
    GEOGRAPHY_LINE_STRING("GeographyLineString", Family.GEO),
    GEOGRAPHY_POLYGON("GeographyPolygon", Family.GEO),
    GEOGRAPHY_MULTI_POINT("GeographyMultiPoint", Family.GEO),
    GEOGRAPHY_MULTI_LINE_STRING("GeographyMultiLineString", Family.GEO),
    GEOGRAPHY_MULTI_POLYGON("GeographyMultiPolygon", Family.GEO),
    GEOGRAPHY_COLLECTION("GeographyCollection", Family.GEO),
    GEOMETRY("Geometry", Family.GEO),
    GEOMETRY_POINT("GeometryPoint", Family.GEO),
    GEOMETRY_LINE_STRING("GeometryLineString", Family.GEO),
    GEOMETRY_POLYGON("GeometryPolygon", Family.GEO),
    GEOMETRY_MULTI_POINT("GeometryMultiPoint", Family.GEO),
    GEOMETRY_MULTI_LINE_STRING("GeometryMultiLineString", Family.GEO),
    GEOMETRY_MULTI_POLYGON("GeometryMultiPolygon", Family.GEO),
    GEOMETRY_COLLECTION("GeometryCollection", Family.GEO),
    /** {@code Edm.PrimitiveType}: any primitive value. */
    ANY_PRIMITIVE("PrimitiveType", Family.ABSTRACT),
    /** {@code Edm.ComplexType}: any complex value. */
    ANY_COMPLEX("ComplexType", Family.ABSTRACT),
    /** {@code Edm.EntityType}: any entity. */
    ANY_ENTITY("EntityType", Family.ABSTRACT),
    ANNOTATION_PATH("AnnotationPath", Family.ABSTRACT),
    PROPERTY_PATH("PropertyPath", Family.ABSTRACT),
    NAVIGATION_PROPERTY_PATH("NavigationPropertyPath", Family.ABSTRACT),
    ANY_PROPERTY_PATH("AnyPropertyPath", Family.ABSTRACT),
    MODEL_ELEMENT_PATH("ModelElementPath", Family.ABSTRACT);

    /** The namespace of every primitive type. */
    public static final String EDM = "Edm";

    /** Groups of primitive types that share a value representation and query operators. */
    public enum Family {
        STRING, BOOLEAN, INTEGER, DECIMAL, FLOATING, DATE, TIME_OF_DAY, DATE_TIME_OFFSET, DURATION,
        GUID, BINARY, STREAM, GEO, UNTYPED, ABSTRACT
    }

    private static final Map<String, PrimitiveType> BY_NAME = new HashMap<>();

    static {
        for (PrimitiveType t : values()) {
            BY_NAME.put(t.edmName, t);
        }
    }

    private final String edmName;
    private final Family family;
    private final QualifiedName qualifiedName;

    PrimitiveType(String edmName, Family family) {
        this.edmName = edmName;
        this.family = family;
        this.qualifiedName = new QualifiedName(EDM, edmName);
    }

    /** Looks up a type by its simple name within {@code Edm}, for example {@code "Int32"}. */
    public static Optional<PrimitiveType> byName(String simpleName) {
        return Optional.ofNullable(BY_NAME.get(simpleName));
    }

    /** Looks up a type by its qualified name; empty for names outside {@code Edm} or unknown ones. */
    public static Optional<PrimitiveType> of(QualifiedName name) {
        return EDM.equals(name.namespace()) ? byName(name.name()) : Optional.empty();
    }

    @Override
    public QualifiedName qualifiedName() {
        return qualifiedName;
    }

    /** The value family this type belongs to. */
    public Family family() {
        return family;
    }

    /** The name as written in CSDL, for example {@code Edm.DateTimeOffset}. */
    public String edmName() {
        return EDM + "." + edmName;
    }

    @Override
    public String toString() {
        return edmName();
    }
}
