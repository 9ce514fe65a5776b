package dev.outpost.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.ComplexValue;
import dev.outpost.DataRequestException;
import dev.outpost.GeoValue;
import dev.outpost.JsonValue;
import dev.outpost.StreamLink;
import dev.outpost.internal.url.LiteralFormat;
import dev.outpost.model.EnumMember;
import dev.outpost.model.EnumType;
import dev.outpost.model.PrimitiveType;
import dev.outpost.model.Property;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.ServiceModel;
import dev.outpost.model.StructuredType;
import dev.outpost.query.Literals;
import dev.outpost.spi.ValueFactory;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Converts property values between their canonical Java form ({@link Literals}), SQLite column
 * values and OData JSON. Values keep their exact value: decimals as text, DateTimeOffset as a
 * sortable UTC instant plus its offset, durations as nanoseconds, enums as their numeric value.
 */
public final class ValueCodec {

    static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    public static final ObjectMapper JSON = new ObjectMapper().setNodeFactory(NODES)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final ServiceModel model;

    public ValueCodec(ServiceModel model) {
        this.model = model;
    }

    ServiceModel model() {
        return model;
    }

    // ---- Java ⇄ SQL ----------------------------------------------------------------------------

    /** The SQL value of a primitive or enum value (for a DateTimeOffset: the UTC instant text). */
    Object toSql(ValueType type, Object value, String where) {
        if (value == null) {
            return null;
        }
        if (type instanceof ValueType.Primitive p) {
            Object v = check(p.type(), value, where);
            return switch (p.type().family()) {
                case BOOLEAN -> ((Boolean) v) ? 1 : 0;
                case INTEGER -> ((Number) v).longValue();
                case DECIMAL -> ((BigDecimal) v).toPlainString();
                case FLOATING -> {
                    double d = ((Number) v).doubleValue();
                    yield Double.isNaN(d) ? "NaN" : d;
                }
                case DATE -> v.toString();
                case TIME_OF_DAY -> timeText((LocalTime) v);
                case DATE_TIME_OFFSET -> instantText((OffsetDateTime) v);
                case DURATION -> durationNanos((Duration) v, where);
                case GUID -> v.toString();
                case BINARY -> v;
                case GEO -> ((GeoValue) v).geoJson();
                case STREAM -> streamJson((StreamLink) v);
                default -> v.toString();
            };
        }
        if (type instanceof ValueType.Enumeration e) {
            return enumValue(e.type(), value, where);
        }
        return toJson(type, value, where).toString();
    }

    /** The offset minutes stored beside a DateTimeOffset. */
    static Integer offsetMinutes(Object value) {
        return value == null ? null : ((OffsetDateTime) value).getOffset().getTotalSeconds() / 60;
    }

    /** The Java value of an SQL value; {@code offset} is the companion offset for a DateTimeOffset. */
    Object fromSql(ValueType type, Object sql, Integer offset, ValueFactory factory) {
        if (sql == null) {
            return null;
        }
        if (type instanceof ValueType.Primitive p) {
            PrimitiveType t = p.type();
            return switch (t.family()) {
                case BOOLEAN -> ((Number) sql).longValue() != 0;
                case INTEGER -> Literals.checked(t, ((Number) sql).longValue());
                case DECIMAL -> new BigDecimal(sql.toString());
                case FLOATING -> {
                    double d = sql instanceof Number n ? n.doubleValue() : Double.NaN;
                    yield t == PrimitiveType.SINGLE ? (Object) (float) d : (Object) d;
                }
                case DATE -> date(sql.toString());
                case TIME_OF_DAY -> LocalTime.parse(sql.toString());
                case DATE_TIME_OFFSET -> dateTimeOffset(sql.toString(), offset == null ? 0 : offset);
                case DURATION -> Duration.ofNanos(((Number) sql).longValue());
                case GUID -> UUID.fromString(sql.toString());
                case BINARY -> sql;
                case GEO -> new GeoValue(t, sql.toString());
                case STREAM -> streamLink(sql.toString());
                default -> sql.toString();
            };
        }
        if (type instanceof ValueType.Enumeration e) {
            return enumNames(e.type(), ((Number) sql).longValue());
        }
        try {
            return fromJson(type, JSON.readTree(sql.toString()), factory, "stored value");
        } catch (IOException ex) {
            throw new IllegalStateException("corrupt JSON in the store: " + sql, ex);
        }
    }

    // ---- Java ⇄ JSON ---------------------------------------------------------------------------

    /** The OData JSON of a value. */
    JsonNode toJson(ValueType type, Object value, String where) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (type instanceof ValueType.Primitive p) {
            Object v = check(p.type(), value, where);
            return switch (p.type().family()) {
                case STRING, GUID -> NODES.textNode(v.toString());
                case BOOLEAN -> NODES.booleanNode((Boolean) v);
                case INTEGER -> NODES.numberNode(((Number) v).longValue());
                case DECIMAL -> NODES.numberNode((BigDecimal) v);
                case FLOATING -> {
                    double d = ((Number) v).doubleValue();
                    yield Double.isNaN(d) ? NODES.textNode("NaN") : Double.isInfinite(d)
                            ? NODES.textNode(d > 0 ? "INF" : "-INF") : NODES.numberNode(d);
                }
                case DATE -> NODES.textNode(v.toString());
                case TIME_OF_DAY -> NODES.textNode(LiteralFormat.timeOfDay((LocalTime) v));
                case DATE_TIME_OFFSET -> NODES.textNode(LiteralFormat.dateTimeOffset((OffsetDateTime) v));
                case DURATION -> NODES.textNode(LiteralFormat.duration((Duration) v));
                case BINARY -> NODES.textNode(Base64.getUrlEncoder().encodeToString((byte[]) v));
                case GEO -> parse(((GeoValue) v).geoJson());
                case STREAM -> parse(streamJson((StreamLink) v));
                default -> NODES.textNode(v.toString());
            };
        }
        if (type instanceof ValueType.Enumeration e) {
            enumValue(e.type(), value, where);
            return NODES.textNode(value.toString());
        }
        if (type instanceof ValueType.Collection c) {
            if (!(value instanceof List<?> list)) {
                throw bad(where, "a collection needs a java.util.List, not a " + value.getClass().getSimpleName());
            }
            ArrayNode array = NODES.arrayNode();
            for (int i = 0; i < list.size(); i++) {
                array.add(toJson(c.element(), list.get(i), where + "[" + i + "]"));
            }
            return array;
        }
        if (type instanceof ValueType.Complex c) {
            if (!(value instanceof ComplexValue complex)) {
                throw bad(where, "a value of " + c.type().qualifiedName() + " needs a ComplexValue, not a "
                        + value.getClass().getSimpleName());
            }
            return complexJson(c.type(), complex, where);
        }
        if (value instanceof JsonValue j) {
            return parse(j.json());
        }
        throw bad(where, "an untyped value needs a JsonValue, not a " + value.getClass().getSimpleName());
    }

    private ObjectNode complexJson(StructuredType declared, ComplexValue value, String where) {
        StructuredType actual = model.structuredType(value.complexType()).orElseThrow(() ->
                bad(where, "unknown complex type " + value.complexType()));
        if (!model.hierarchy(actual).contains(declared)) {
            throw bad(where, value.complexType() + " is not " + declared.qualifiedName() + " or derived from it");
        }
        ObjectNode o = NODES.objectNode();
        if (!actual.equals(declared)) {
            o.put("@odata.type", "#" + actual.qualifiedName());
        }
        for (String name : value.names()) {
            Property p = model.property(actual, name).orElseThrow(() -> bad(where + "/" + name,
                    "no property '" + name + "' in " + actual.qualifiedName()));
            o.set(name, toJson(ValueType.of(model, p.type()), value.getValue(name), where + "/" + name));
        }
        return o;
    }

    /** The Java value of OData JSON. Decimals and Int64 may come as numbers or strings. */
    Object fromJson(ValueType type, JsonNode json, ValueFactory factory, String where) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            return null;
        }
        if (type instanceof ValueType.Primitive p) {
            return scalar(p.type(), json.isTextual() ? json.textValue() : null, json, where);
        }
        if (type instanceof ValueType.Enumeration e) {
            if (json.isNumber()) {
                return enumNames(e.type(), json.longValue());
            }
            if (!json.isTextual()) {
                throw bad(where, "a value of enum " + e.type().qualifiedName() + " is a member name (a JSON string),"
                        + " not " + json);
            }
            String names = json.textValue();
            enumValue(e.type(), names, where);
            return names;
        }
        if (type instanceof ValueType.Collection c) {
            if (!json.isArray()) {
                throw bad(where, "expected a JSON array");
            }
            List<Object> out = new ArrayList<>(json.size());
            for (int i = 0; i < json.size(); i++) {
                out.add(fromJson(c.element(), json.get(i), factory, where + "[" + i + "]"));
            }
            return out;
        }
        if (type instanceof ValueType.Complex c) {
            if (!json.isObject()) {
                throw bad(where, "expected a JSON object for " + c.type().qualifiedName());
            }
            StructuredType actual = c.type();
            JsonNode odataType = json.get("@odata.type");
            if (odataType != null && odataType.isTextual()) {
                String name = odataType.textValue().replaceFirst("^#", "");
                int dot = name.lastIndexOf('.');
                if (dot <= 0 || dot == name.length() - 1) {
                    throw bad(where, "@odata.type '" + odataType.textValue() + "' is not a qualified type name");
                }
                actual = model.structuredType(QualifiedName.parse(name)).orElse(c.type());
            }
            ComplexValue value = factory.newComplex(actual.qualifiedName());
            Iterator<Map.Entry<String, JsonNode>> fields = json.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (f.getKey().contains("@")) {
                    continue;
                }
                StructuredType t = actual;
                Property prop = model.property(t, f.getKey()).orElse(null);
                if (prop != null) {
                    value.setValue(f.getKey(), fromJson(ValueType.of(model, prop.type()), f.getValue(), factory,
                            where + "/" + f.getKey()));
                }
            }
            return value;
        }
        return new JsonValue(json.toString());
    }

    /** {@code true} or {@code false}; anything else (which {@link Boolean#parseBoolean} reads as false) is refused. */
    private static boolean bool(String text) {
        if ("true".equalsIgnoreCase(text)) {
            return true;
        }
        if ("false".equalsIgnoreCase(text)) {
            return false;
        }
        throw new IllegalArgumentException("not true or false");
    }

    /** Converts a JSON scalar (or its text) to the Java value of a primitive type. */
    Object scalar(PrimitiveType t, String text, JsonNode node, String where) {
        try {
            return switch (t.family()) {
                case STRING -> node != null && !node.isTextual() ? node.asText() : text;
                case BOOLEAN -> node != null && node.isBoolean() ? node.booleanValue() : bool(text);
                case INTEGER -> Literals.checked(t, node != null && node.canConvertToLong() && node.isIntegralNumber()
                        ? (Number) node.longValue() : node != null && node.isIntegralNumber() ? node.bigIntegerValue()
                        : new BigInteger(text.trim()));
                case DECIMAL -> node != null && node.isNumber() ? node.decimalValue() : new BigDecimal(text.trim());
                case FLOATING -> {
                    double d = node != null && node.isNumber() ? node.doubleValue() : parseDouble(text.trim());
                    yield t == PrimitiveType.SINGLE ? (Object) (float) d : (Object) d;
                }
                case DATE -> date(text);
                case TIME_OF_DAY -> LocalTime.parse(text);
                case DATE_TIME_OFFSET -> dateTimeOffset(text);
                case DURATION -> dev.outpost.internal.url.Durations.parse(text);
                case GUID -> UUID.fromString(text);
                case BINARY -> decodeBinary(text);
                case GEO -> new GeoValue(t, node != null && node.isObject() ? node.toString() : text);
                case STREAM -> node != null && node.isObject() ? streamLink(node.toString()) : null;
                default -> node != null ? new JsonValue(node.toString()) : text;
            };
        } catch (DateTimeParseException | IllegalArgumentException | NullPointerException | ArithmeticException e) {
            throw bad(where, "'" + (text != null ? text : node) + "' is not a valid " + t.edmName()
                    + (e.getMessage() != null ? " (" + e.getMessage() + ")" : ""));
        }
    }

    private static double parseDouble(String s) {
        return switch (s) {
            case "INF" -> Double.POSITIVE_INFINITY;
            case "-INF" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    private static byte[] decodeBinary(String text) {
        String t = text.trim();
        return t.indexOf('+') >= 0 || t.indexOf('/') >= 0 ? Base64.getDecoder().decode(t) : Base64.getUrlDecoder().decode(t);
    }

    /** The OData JSON of a property's value. */
    public JsonNode propertyJson(Property p, Object value, String where) {
        return toJson(ValueType.of(model, p.type()), value, where);
    }

    /** The Java value of a property from OData JSON. */
    public Object propertyValue(Property p, JsonNode json, String where) {
        return fromJson(ValueType.of(model, p.type()), json, ValueFactory.DYNAMIC, where);
    }

    // ---- checks --------------------------------------------------------------------------------

    private static Object check(PrimitiveType type, Object value, String where) {
        try {
            return Literals.checked(type, value);
        } catch (IllegalArgumentException e) {
            throw bad(where, e.getMessage());
        }
    }

    /** The numeric value of enum member names ({@code "A,B"} for flags). */
    long enumValue(EnumType type, Object value, String where) {
        if (!(value instanceof String names)) {
            throw bad(where, "a value of enum " + type.qualifiedName() + " is its member name (a String), not a "
                    + value.getClass().getSimpleName());
        }
        Long single = members(type).get(names);
        if (single != null) {
            return single; // one member name, the common case
        }
        String[] parts = names.split(",");
        if (parts.length > 1 && !type.isFlags()) {
            throw bad(where, type.qualifiedName() + " is not a flags enum; give one member, not '" + names + "'");
        }
        long v = 0;
        for (String part : parts) {
            String member = part.trim();
            if (member.isEmpty() && parts.length == 1 && type.isFlags()) {
                return 0; // no flag set
            }
            EnumMember m = type.member(member).orElseThrow(() -> bad(where, "'" + member + "' is not a member of "
                    + type.qualifiedName() + "; members: " + type.members().stream().map(EnumMember::name).toList()));
            v |= m.value();
        }
        return v;
    }

    private final Map<QualifiedName, Map<String, Long>> members = new java.util.concurrent.ConcurrentHashMap<>();

    /** An enum type's members by name (keyed by the type's name: an EnumType's own hash code walks its members). */
    private Map<String, Long> members(EnumType type) {
        return members.computeIfAbsent(type.qualifiedName(), n -> {
            Map<String, Long> byName = new java.util.HashMap<>();
            for (EnumMember m : type.members()) {
                byName.put(m.name(), m.value());
            }
            return byName;
        });
    }

    /** The member names of an enum value ({@code "A,B"} for combined flags). */
    static String enumNames(EnumType type, long value) {
        for (EnumMember m : type.members()) {
            if (m.value() == value) {
                return m.name();
            }
        }
        if (type.isFlags()) {
            List<String> names = new ArrayList<>();
            long rest = value;
            for (EnumMember m : type.members()) {
                if (m.value() != 0 && (value & m.value()) == m.value()) {
                    names.add(m.name());
                    rest &= ~m.value();
                }
            }
            if (rest == 0 && !names.isEmpty()) {
                return String.join(",", names);
            }
        }
        return Long.toString(value);
    }

    static DataRequestException bad(String where, String what) {
        return new DataRequestException(400, where + ": " + what);
    }

    // ---- formats -------------------------------------------------------------------------------

    /** A fixed-width {@code HH:mm:ss.nnnnnnnnn}, so that text order is time order. */
    static String timeText(LocalTime t) {
        return String.format("%02d:%02d:%02d.%09d", t.getHour(), t.getMinute(), t.getSecond(), t.getNano());
    }

    /** The UTC instant as fixed-width text, so that text order is time order. */
    static String instantText(OffsetDateTime t) {
        LocalDateTime utc = t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        int year = utc.getYear();
        if (year < 0 || year > 9999) {
            return String.format("%04d-%02d-%02dT%02d:%02d:%02d.%09dZ", year, utc.getMonthValue(),
                    utc.getDayOfMonth(), utc.getHour(), utc.getMinute(), utc.getSecond(), utc.getNano());
        }
        // fixed width, so that the text sorts as the instant does; built by hand (String.format is slow)
        StringBuilder b = new StringBuilder(30);
        digits(b, year, 4).append('-');
        digits(b, utc.getMonthValue(), 2).append('-');
        digits(b, utc.getDayOfMonth(), 2).append('T');
        digits(b, utc.getHour(), 2).append(':');
        digits(b, utc.getMinute(), 2).append(':');
        digits(b, utc.getSecond(), 2).append('.');
        return digits(b, utc.getNano(), 9).append('Z').toString();
    }

    /** Appends a non-negative value with leading zeros to {@code width} digits (no string per number). */
    private static StringBuilder digits(StringBuilder b, int value, int width) {
        int divisor = 1;
        for (int i = 1; i < width; i++) {
            divisor *= 10;
        }
        for (int i = value / 10; i >= divisor; i /= 10) {
            divisor *= 10; // wider than width: all of its digits
        }
        for (; divisor > 0; divisor /= 10) {
            b.append((char) ('0' + value / divisor % 10));
        }
        return b;
    }

    /**
     * Parses an ISO date-time with offset; the common {@code yyyy-mm-ddThh:mm:ss[.f…](Z|±hh:mm)} form
     * without the general-purpose parser (downloads parse two per entity).
     */
    static OffsetDateTime dateTimeOffset(String text) {
        int n = text.length();
        if (n >= 20 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T' && text.charAt(13) == ':'
                && text.charAt(16) == ':') {
            int y = number(text, 0, 4);
            int mo = number(text, 5, 7);
            int d = number(text, 8, 10);
            int h = number(text, 11, 13);
            int mi = number(text, 14, 16);
            int se = number(text, 17, 19);
            int at = 19;
            int nanos = 0;
            if (at < n && text.charAt(at) == '.') {
                int start = ++at;
                while (at < n && at - start < 9 && Character.isDigit(text.charAt(at))) {
                    nanos = nanos * 10 + (text.charAt(at) - '0');
                    at++;
                }
                if (at == start || at < n && Character.isDigit(text.charAt(at))) {
                    return OffsetDateTime.parse(text); // no digits, or more than nine: let java.time say what is wrong
                }
                for (int i = at - start; i < 9; i++) {
                    nanos *= 10;
                }
            }
            ZoneOffset offset = null;
            if (at == n - 1 && text.charAt(at) == 'Z') {
                offset = ZoneOffset.UTC;
            } else if (at == n - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-') && text.charAt(at + 3) == ':') {
                int oh = number(text, at + 1, at + 3);
                int om = number(text, at + 4, at + 6);
                if (oh >= 0 && om >= 0) {
                    try {
                        offset = ZoneOffset.ofHoursMinutes(text.charAt(at) == '-' ? -oh : oh, text.charAt(at) == '-' ? -om : om);
                    } catch (java.time.DateTimeException e) {
                        throw new DateTimeParseException(e.getMessage(), text, at, e);
                    }
                }
            }
            if (offset != null && y >= 0 && mo >= 0 && d >= 0 && h >= 0 && mi >= 0 && se >= 0) {
                try {
                    return OffsetDateTime.of(y, mo, d, h, mi, se, nanos, offset);
                } catch (java.time.DateTimeException e) {
                    throw new DateTimeParseException(e.getMessage(), text, 0, e);
                }
            }
        }
        return OffsetDateTime.parse(text);
    }

    /** Parses an ISO date; the common {@code yyyy-mm-dd} form without the general-purpose parser. */
    static LocalDate date(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int y = number(text, 0, 4);
            int m = number(text, 5, 7);
            int d = number(text, 8, 10);
            if (y >= 0 && m >= 0 && d >= 0) {
                try {
                    return LocalDate.of(y, m, d);
                } catch (java.time.DateTimeException e) {
                    throw new DateTimeParseException(e.getMessage(), text, 0, e);
                }
            }
        }
        return LocalDate.parse(text);
    }

    private static int number(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** Rebuilds a DateTimeOffset from its UTC text and offset minutes. */
    static OffsetDateTime dateTimeOffset(String utcText, int offsetMinutes) {
        OffsetDateTime utc = OffsetDateTime.parse(utcText);
        return utc.withOffsetSameInstant(ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
    }

    private static long durationNanos(Duration d, String where) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            throw bad(where, "the duration " + d + " is longer than the store holds (about 292 years)");
        }
    }

    private static String streamJson(StreamLink s) {
        ObjectNode o = NODES.objectNode();
        o.put("readLink", s.readLink());
        o.put("editLink", s.editLink());
        o.put("contentType", s.contentType());
        o.put("etag", s.etag());
        return o.toString();
    }

    private static StreamLink streamLink(String json) {
        JsonNode o = parse(json);
        return new StreamLink(text(o, "readLink", "@odata.mediaReadLink"), text(o, "editLink", "@odata.mediaEditLink"),
                text(o, "contentType", "@odata.mediaContentType"), text(o, "etag", "@odata.mediaEtag"));
    }

    private static String text(JsonNode o, String name, String alternative) {
        JsonNode v = o.has(name) ? o.get(name) : o.get(alternative);
        return v == null || v.isNull() ? null : v.asText();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new DataRequestException(400, "invalid JSON: " + e.getMessage(), e);
        }
    }
}
