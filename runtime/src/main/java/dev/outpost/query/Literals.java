package dev.outpost.query;

import dev.outpost.GeoValue;
import dev.outpost.model.PrimitiveType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Builds literal nodes and fixes the Java type of each Edm type's values:
 * <table>
 * <caption>Edm types and their Java values</caption>
 * <tr><td>String</td><td>{@link String}</td></tr>
 * <tr><td>Boolean</td><td>{@link Boolean}</td></tr>
 * <tr><td>Byte, Int16</td><td>{@link Short}</td></tr>
 * <tr><td>SByte</td><td>{@link Byte}</td></tr>
 * <tr><td>Int32</td><td>{@link Integer}</td></tr>
 * <tr><td>Int64</td><td>{@link Long}</td></tr>
 * <tr><td>Decimal</td><td>{@link BigDecimal}</td></tr>
 * <tr><td>Single</td><td>{@link Float}</td></tr>
 * <tr><td>Double</td><td>{@link Double}</td></tr>
 * <tr><td>Date</td><td>{@link LocalDate}</td></tr>
 * <tr><td>TimeOfDay</td><td>{@link LocalTime}</td></tr>
 * <tr><td>DateTimeOffset</td><td>{@link OffsetDateTime}</td></tr>
 * <tr><td>Duration</td><td>{@link Duration}</td></tr>
 * <tr><td>Guid</td><td>{@link UUID}</td></tr>
 * <tr><td>Binary</td><td>{@code byte[]}</td></tr>
 * <tr><td>Geography*, Geometry*</td><td>{@link GeoValue}</td></tr>
 * </table>
 */
public final class Literals {

    private static final Expr.Literal NULL = new Expr.Literal(null, null);

    private Literals() {
    }

    /** The {@code null} literal. */
    public static Expr.Literal nullLiteral() {
        return NULL;
    }

    /**
     * A literal of an Edm type.
     *
     * @throws IllegalArgumentException if the value's Java type does not fit the Edm type
     */
    public static Expr.Literal of(PrimitiveType type, Object value) {
        if (value == null) {
            return NULL;
        }
        return new Expr.Literal(type, checked(type, value));
    }

    /**
     * A numeric literal of an integer, decimal or floating-point Edm type, converting the number
     * (for example an {@code int} compared with an Int64 property).
     *
     * @throws IllegalArgumentException if the value does not fit the type
     */
    public static Expr.Literal number(PrimitiveType type, Number value) {
        if (value == null) {
            return NULL;
        }
        return new Expr.Literal(type, convertNumber(type, value));
    }

    /**
     * A literal whose Edm type follows from the value's Java type (see the table above), as key
     * predicates need it. A generated enum constant ({@link ODataEnum}) becomes its member name:
     * the local store matches an enum key by member name, and the URL writes OData 4.01's enum
     * literal without the type prefix ({@code WorkOrders('InProgress')}), which the URL parser
     * reads back.
     */
    public static Expr.Literal infer(Object value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof ODataEnum e) {
            return new Expr.Literal(PrimitiveType.STRING, e.odataName());
        }
        return new Expr.Literal(typeOf(value), value instanceof byte[] b ? b.clone() : value);
    }

    /** The Edm type the Java value maps to. */
    public static PrimitiveType typeOf(Object value) {
        if (value instanceof String) {
            return PrimitiveType.STRING;
        } else if (value instanceof Boolean) {
            return PrimitiveType.BOOLEAN;
        } else if (value instanceof Integer) {
            return PrimitiveType.INT32;
        } else if (value instanceof Long) {
            return PrimitiveType.INT64;
        } else if (value instanceof Short) {
            return PrimitiveType.INT16;
        } else if (value instanceof Byte) {
            return PrimitiveType.SBYTE;
        } else if (value instanceof BigDecimal) {
            return PrimitiveType.DECIMAL;
        } else if (value instanceof Double) {
            return PrimitiveType.DOUBLE;
        } else if (value instanceof Float) {
            return PrimitiveType.SINGLE;
        } else if (value instanceof LocalDate) {
            return PrimitiveType.DATE;
        } else if (value instanceof LocalTime) {
            return PrimitiveType.TIME_OF_DAY;
        } else if (value instanceof OffsetDateTime) {
            return PrimitiveType.DATE_TIME_OFFSET;
        } else if (value instanceof Duration) {
            return PrimitiveType.DURATION;
        } else if (value instanceof UUID) {
            return PrimitiveType.GUID;
        } else if (value instanceof byte[]) {
            return PrimitiveType.BINARY;
        } else if (value instanceof GeoValue g) {
            return g.type();
        }
        throw new IllegalArgumentException("no Edm type for a value of " + value.getClass().getName()
                + "; use String, Boolean, Integer, Long, BigDecimal, Double, LocalDate, OffsetDateTime, UUID, ...");
    }

    /** The Java class that holds values of an Edm type. */
    public static Class<?> javaType(PrimitiveType type) {
        return switch (type) {
            case STRING -> String.class;
            case BOOLEAN -> Boolean.class;
            case BYTE, INT16 -> Short.class;
            case SBYTE -> Byte.class;
            case INT32 -> Integer.class;
            case INT64 -> Long.class;
            case DECIMAL -> BigDecimal.class;
            case SINGLE -> Float.class;
            case DOUBLE -> Double.class;
            case DATE -> LocalDate.class;
            case TIME_OF_DAY -> LocalTime.class;
            case DATE_TIME_OFFSET -> OffsetDateTime.class;
            case DURATION -> Duration.class;
            case GUID -> UUID.class;
            case BINARY -> byte[].class;
            default -> type.family() == PrimitiveType.Family.GEO ? GeoValue.class : Object.class;
        };
    }

    /**
     * Checks (and for numbers converts) a value for an Edm type.
     *
     * @throws IllegalArgumentException naming the expected and the given type
     */
    public static Object checked(PrimitiveType type, Object value) {
        if (value == null) {
            return null;
        }
        switch (type.family()) {
            case INTEGER, DECIMAL, FLOATING -> {
                if (value instanceof Number n) {
                    return convertNumber(type, n);
                }
            }
            case BINARY -> {
                if (value instanceof byte[] b) {
                    return b.clone();
                }
            }
            case GEO -> {
                if (value instanceof GeoValue) {
                    return value;
                }
            }
            case STRING -> {
                if (value instanceof String text) {
                    return wellFormed(text);
                }
            }
            case STREAM, UNTYPED, ABSTRACT -> throw new IllegalArgumentException(
                    type.edmName() + " values cannot be used as literals");
            default -> {
                if (javaType(type).isInstance(value)) {
                    return value;
                }
            }
        }
        throw new IllegalArgumentException("a value of " + type.edmName() + " must be a "
                + javaType(type).getSimpleName() + ", not a " + value.getClass().getSimpleName() + " ('" + value + "')");
    }

    /**
     * The text itself, if it is well-formed UTF-16. A lone surrogate is not a character: SQLite and
     * every UTF-8 encoder would turn it into {@code ?}, silently changing the value.
     */
    private static String wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(String.format("the text has a lone UTF-16 surrogate (\\u%04X) at index"
                        + " %d, which is not a Unicode character and cannot be stored; check how the text was decoded",
                        (int) c, i));
            }
        }
        return text;
    }

    private static Object convertNumber(PrimitiveType type, Number n) {
        switch (type) {
            case DECIMAL:
                return toBigDecimal(n);
            case DOUBLE:
                return n.doubleValue();
            case SINGLE:
                return n.floatValue();
            default:
                break;
        }
        if (type.family() != PrimitiveType.Family.INTEGER) {
            throw new IllegalArgumentException(type.edmName() + " is not numeric; got the number " + n);
        }
        long min;
        long max;
        switch (type) {
            case BYTE -> { min = 0; max = 255; }
            case SBYTE -> { min = Byte.MIN_VALUE; max = Byte.MAX_VALUE; }
            case INT16 -> { min = Short.MIN_VALUE; max = Short.MAX_VALUE; }
            case INT32 -> { min = Integer.MIN_VALUE; max = Integer.MAX_VALUE; }
            default -> { min = Long.MIN_VALUE; max = Long.MAX_VALUE; }
        }
        long v;
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            v = n.longValue(); // exact already: only the range needs checking
            if (v < min || v > max) {
                throw new IllegalArgumentException(n + " is out of range for " + type.edmName() + " (" + min + " to " + max
                        + ")");
            }
        } else {
            BigInteger integral;
            try {
                integral = toBigDecimal(n).toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(type.edmName() + " takes whole numbers, not " + n, e);
            }
            if (integral.compareTo(BigInteger.valueOf(min)) < 0 || integral.compareTo(BigInteger.valueOf(max)) > 0) {
                throw new IllegalArgumentException(n + " is out of range for " + type.edmName() + " (" + min + " to " + max
                        + ")");
            }
            v = integral.longValue();
        }
        return switch (type) {
            case BYTE, INT16 -> (short) v;
            case SBYTE -> (byte) v;
            case INT32 -> (int) v;
            default -> v;
        };
    }

    private static BigDecimal toBigDecimal(Number n) {
        if (n instanceof BigDecimal d) {
            return d;
        } else if (n instanceof BigInteger i) {
            return new BigDecimal(i);
        } else if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(d + " is not a decimal number");
            }
            return BigDecimal.valueOf(d);
        }
        return BigDecimal.valueOf(n.longValue());
    }
}
