package dev.outpost.model;

import java.util.List;
import java.util.Optional;

/** The value of an annotation: a constant, a path, a record, a collection, null, or an expression. */
public sealed interface AnnotationValue {

    /** The kinds of constant expressions CSDL defines. */
    enum ConstantKind {
        BINARY, BOOL, DATE, DATE_TIME_OFFSET, DECIMAL, DURATION, ENUM_MEMBER, FLOAT, GUID, INT, STRING, TIME_OF_DAY
    }

    /** The kinds of path expressions CSDL defines. */
    enum PathKind { PATH, PROPERTY_PATH, NAVIGATION_PROPERTY_PATH, ANNOTATION_PATH }

    /**
     * A constant such as {@code Bool="true"} or {@code String="..."}. Enum member values have
     * their aliases resolved ({@code Org.OData.Capabilities.V1.ConflictDetection/ETag}).
     */
    record Constant(ConstantKind kind, String text) implements AnnotationValue {
        /** The value as a boolean when this is a {@code Bool} constant. */
        public boolean isTrue() {
            return kind == ConstantKind.BOOL && "true".equalsIgnoreCase(text);
        }
    }

    /** A path such as {@code <PropertyPath>LastModified</PropertyPath>}. */
    record Path(PathKind kind, String path) implements AnnotationValue {
    }

    /** One property of a record value. */
    record PropertyValue(String property, AnnotationValue value) {
    }

    /** A record value, for example the value of {@code Capabilities.InsertRestrictions}. */
    record RecordValue(QualifiedName type, List<PropertyValue> properties) implements AnnotationValue {
        public RecordValue {
            properties = List.copyOf(properties);
        }

        /** The value of the named record property, if present. */
        public Optional<AnnotationValue> get(String property) {
            return properties.stream().filter(p -> p.property().equals(property)).map(PropertyValue::value).findFirst();
        }
    }

    /** A collection value. */
    record CollectionValue(List<AnnotationValue> items) implements AnnotationValue {
        public CollectionValue {
            items = List.copyOf(items);
        }
    }

    /** An explicit {@code <Null/>}. */
    record Null() implements AnnotationValue {
    }

    /** No value was written: a tag term such as {@code Core.Computed} then means true. */
    record Absent() implements AnnotationValue {
    }

    /**
     * A dynamic expression (Apply, If, Cast, comparison, ...) that the model keeps by kind only;
     * nothing offline evaluates it.
     */
    record Expression(String kind) implements AnnotationValue {
    }
}
