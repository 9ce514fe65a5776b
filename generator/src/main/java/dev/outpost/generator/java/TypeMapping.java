package dev.outpost.generator.java;

import dev.outpost.GeoValue;
import dev.outpost.JsonValue;
import dev.outpost.StreamLink;
import dev.outpost.model.ComplexType;
import dev.outpost.model.EnumType;
import dev.outpost.model.ModelType;
import dev.outpost.model.PrimitiveType;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.ServiceModel;
import dev.outpost.model.TypeDefinition;
import dev.outpost.model.TypeRef;
import dev.outpost.query.BinaryProperty;
import dev.outpost.query.BooleanProperty;
import dev.outpost.query.CollectionProperty;
import dev.outpost.query.ComplexProperty;
import dev.outpost.query.DateProperty;
import dev.outpost.query.DateTimeOffsetProperty;
import dev.outpost.query.DecimalProperty;
import dev.outpost.query.DurationProperty;
import dev.outpost.query.EnumProperty;
import dev.outpost.query.FlagsProperty;
import dev.outpost.query.FloatingProperty;
import dev.outpost.query.GeoProperty;
import dev.outpost.query.GuidProperty;
import dev.outpost.query.IntegerProperty;
import dev.outpost.query.StreamProperty;
import dev.outpost.query.StringExpression;
import dev.outpost.query.StringProperty;
import dev.outpost.query.TimeOfDayProperty;
import dev.outpost.query.UntypedProperty;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Maps OData types to the Java side: the runtime's property descriptor for each Edm type family
 * (the style of the runtime's hand-written descriptors) and the Java value type that getters,
 * setters and parameters use ({@link dev.outpost.query.Literals} fixes those per Edm type).
 * Type definitions map as their underlying type. Types the runtime has no descriptor for
 * (the abstract {@code Edm.PrimitiveType}, {@code Edm.ComplexType}, ... and types from documents
 * the model does not contain) map to {@link UntypedProperty}.
 */
final class TypeMapping {

    /** How a property's descriptor is written: its type and the expression that creates it. */
    interface Descriptor {
        /** The descriptor's declared type. */
        JavaType type();

        /** The Java type of the property's values. */
        JavaType valueType();

        /** The expression that creates the descriptor for the property with the given name literal. */
        String initializer(Imports imports, String nameLiteral);
    }

    private static final JavaType.ClassName LIST = JavaType.ClassName.of(List.class);
    private static final JavaType.ClassName SET = JavaType.ClassName.of(Set.class);
    private static final JavaType.ClassName INTEGER_PROPERTY = JavaType.ClassName.of(IntegerProperty.class);
    private static final JavaType.ClassName FLOATING_PROPERTY = JavaType.ClassName.of(FloatingProperty.class);
    private static final String ELEMENT_NAME = "\"$it\"";

    private final ServiceModel model;
    private final ProxyNames names;

    TypeMapping(ServiceModel model, ProxyNames names) {
        this.model = model;
        this.names = names;
    }

    /** The type definition a reference names, or null. */
    TypeDefinition typeDefinition(TypeRef ref) {
        return model.resolve(ref.name()) instanceof TypeDefinition td ? td : null;
    }

    /** The descriptor of a property of this type. */
    Descriptor descriptor(TypeRef ref) {
        Descriptor single = single(ref.name());
        if (!ref.collection()) {
            return single;
        }
        JavaType.ClassName collection = JavaType.ClassName.of(CollectionProperty.class);
        if (single.type().equals(JavaType.ClassName.of(StringProperty.class))) {
            return new Fixed(JavaType.Parameterized.of(collection, single.valueType(), JavaType.ClassName.of(StringExpression.class)),
                    JavaType.Parameterized.of(LIST, single.valueType()),
                    (imports, name) -> imports.render(collection) + ".ofStrings(" + name + ")");
        }
        return new Fixed(JavaType.Parameterized.of(collection, single.valueType(), single.type()),
                JavaType.Parameterized.of(LIST, single.valueType()),
                (imports, name) -> imports.render(collection) + ".of(" + name + ", "
                        + single.initializer(imports, ELEMENT_NAME) + ")");
    }

    /** The Java type of values of this type, as parameters and getters use it. */
    JavaType valueType(TypeRef ref) {
        return descriptor(ref).valueType();
    }

    private Descriptor single(QualifiedName name) {
        ModelType resolved = model.resolve(name);
        if (resolved instanceof TypeDefinition td) {
            resolved = td.underlyingType();
        }
        if (resolved instanceof PrimitiveType p) {
            return primitive(p);
        }
        if (resolved instanceof EnumType e) {
            JavaType.ClassName enumClass = names.classOf(e.qualifiedName());
            JavaType.ClassName descriptor = JavaType.ClassName.of(e.isFlags() ? FlagsProperty.class : EnumProperty.class);
            return new Fixed(JavaType.Parameterized.of(descriptor, enumClass),
                    e.isFlags() ? JavaType.Parameterized.of(SET, enumClass) : enumClass,
                    (imports, n) -> {
                        String c = imports.render(enumClass);
                        return imports.render(descriptor) + ".of(" + n + ", " + c + ".class, " + c + "."
                                + ProxyNames.TYPE_CONSTANT + ")";
                    });
        }
        if (resolved instanceof ComplexType c) {
            JavaType.ClassName complexClass = names.classOf(c.qualifiedName());
            JavaType.ClassName descriptor = JavaType.ClassName.of(ComplexProperty.class);
            // A value of an abstract type, or of one with derived types, may be of a derived type:
            // the service's value factory creates the class of its actual type.
            boolean polymorphic = c.isAbstract() || !model.derivedTypes(c).isEmpty();
            return new Fixed(JavaType.Parameterized.of(descriptor, complexClass), complexClass, (imports, n) -> {
                String cls = imports.render(complexClass);
                String type = cls + "." + ProxyNames.TYPE_CONSTANT;
                String factory = polymorphic ? imports.render(names.metadata()) + "." + names.valueFactoryConstant()
                        : cls + "::new";
                return imports.render(descriptor) + ".of(" + n + ", " + type + ", " + cls + ".class, " + factory + ")";
            });
        }
        return simple(UntypedProperty.class, JsonValue.class);
    }

    private static Descriptor primitive(PrimitiveType p) {
        return switch (p) {
            case STRING -> simple(StringProperty.class, String.class);
            case BOOLEAN -> simple(BooleanProperty.class, Boolean.class);
            case BYTE -> factory(INTEGER_PROPERTY, Short.class, "byteProperty");
            case SBYTE -> factory(INTEGER_PROPERTY, Byte.class, "sbyte");
            case INT16 -> factory(INTEGER_PROPERTY, Short.class, "int16");
            case INT32 -> factory(INTEGER_PROPERTY, Integer.class, "int32");
            case INT64 -> factory(INTEGER_PROPERTY, Long.class, "int64");
            case DECIMAL -> simple(DecimalProperty.class, BigDecimal.class);
            case SINGLE -> factory(FLOATING_PROPERTY, Float.class, "single");
            case DOUBLE -> factory(FLOATING_PROPERTY, Double.class, "doubleProperty");
            case DATE -> simple(DateProperty.class, LocalDate.class);
            case TIME_OF_DAY -> simple(TimeOfDayProperty.class, LocalTime.class);
            case DATE_TIME_OFFSET -> simple(DateTimeOffsetProperty.class, OffsetDateTime.class);
            case DURATION -> simple(DurationProperty.class, Duration.class);
            case GUID -> simple(GuidProperty.class, UUID.class);
            case BINARY -> new Fixed(JavaType.ClassName.of(BinaryProperty.class),
                    new JavaType.ArrayOf(new JavaType.Primitive("byte")),
                    (imports, n) -> imports.render(BinaryProperty.class) + ".of(" + n + ")");
            case STREAM -> simple(StreamProperty.class, StreamLink.class);
            default -> p.family() == PrimitiveType.Family.GEO
                    ? new Fixed(JavaType.ClassName.of(GeoProperty.class), JavaType.ClassName.of(GeoValue.class),
                            (imports, n) -> imports.render(GeoProperty.class) + ".of(" + n + ", "
                                    + imports.render(PrimitiveType.class) + "." + p.name() + ")")
                    : simple(UntypedProperty.class, JsonValue.class);
        };
    }

    private static Descriptor simple(Class<?> descriptor, Class<?> value) {
        JavaType.ClassName type = JavaType.ClassName.of(descriptor);
        return new Fixed(type, JavaType.ClassName.of(value), (imports, n) -> imports.render(type) + ".of(" + n + ")");
    }

    private static Descriptor factory(JavaType.ClassName descriptor, Class<?> value, String method) {
        JavaType.ClassName valueType = JavaType.ClassName.of(value);
        return new Fixed(JavaType.Parameterized.of(descriptor, valueType), valueType,
                (imports, n) -> imports.render(descriptor) + "." + method + "(" + n + ")");
    }

    /** Writes an initializer for a name literal. */
    @FunctionalInterface
    private interface Initializer {
        String render(Imports imports, String nameLiteral);
    }

    private record Fixed(JavaType type, JavaType valueType, Initializer init) implements Descriptor {
        @Override
        public String initializer(Imports imports, String nameLiteral) {
            return init.render(imports, nameLiteral);
        }
    }
}
