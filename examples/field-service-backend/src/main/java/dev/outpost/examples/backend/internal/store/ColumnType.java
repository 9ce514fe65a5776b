package dev.outpost.examples.backend.internal.store;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.olingo.commons.api.edm.EdmEnumType;
import org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind;

/**
 * How one Edm primitive type is kept in SQLite: the column type, the conversion from and to the
 * OData literal text, and how a stored value is written as JSON. Stored values are what SQLite
 * holds: {@code Long}, {@code String}, {@code byte[]} or {@code null}.
 */
public abstract class ColumnType {


  /** The SQLite column type. */
  public abstract String sqlType();

  /** The stored value of an OData literal in canonical form (no URL quoting). */
  public abstract Object fromText(String text);

  /** The canonical OData literal of a stored value. */
  public abstract String toText(Object stored);

  /** Writes a non-null stored value as a JSON value. */
  public abstract void writeJson(JsonGenerator json, Object stored, boolean ieee754Compatible) throws IOException;

  /** The literal of a stored value as it appears in a URL key predicate, before percent-encoding. */
  public String toUriLiteral(Object stored) {
    return toText(stored);
  }

  /** Reads the stored value of column {@code index}. */
  public Object read(ResultSet row, int index) throws SQLException {
    return row.getObject(index);
  }

  /** The SQL expression that filters and orderings compare, given the column reference. */
  public String comparable(String column) {
    return column;
  }

  /** The column type of a property of primitive kind {@code kind} with the given scale. */
  public static ColumnType of(EdmPrimitiveTypeKind kind, Integer scale) {
    return switch (kind) {
      case String -> TEXT;
      case Guid -> GUID;
      case Boolean -> BOOLEAN;
      case Byte, SByte, Int16, Int32 -> INT32;
      case Int64 -> INT64;
      case Decimal -> scale == null ? NUMBER : new ScaledDecimal(scale);
      case Double, Single -> NUMBER;
      case Date -> DATE;
      case DateTimeOffset -> DATE_TIME_OFFSET;
      case Duration -> DURATION;
      case Binary -> BINARY;
      default -> throw new IllegalArgumentException("The example back end cannot store Edm." + kind
          + " properties; use a type it supports or extend ColumnType.");
    };
  }

  /** The column type of an enumeration property. */
  public static ColumnType ofEnum(EdmEnumType type) {
    return new EnumMember(type);
  }

  /** A collection of strings, stored as a JSON array. */
  public static final ColumnType STRING_COLLECTION = new StringCollection();

  static final ColumnType TEXT = new Text();
  static final ColumnType GUID = new Guid();
  static final ColumnType BOOLEAN = new Bool();
  static final ColumnType INT32 = new Integral(false);
  static final ColumnType INT64 = new Integral(true);
  static final ColumnType NUMBER = new Number();
  static final ColumnType DATE = new DateColumn();
  static final ColumnType DATE_TIME_OFFSET = new DateTimeOffset();
  static final ColumnType DURATION = new DurationColumn();
  static final ColumnType BINARY = new Binary();

  /** Whether values of this type are points in time that SQLite date functions can read. */
  public boolean isTemporal() {
    return this == DATE || this == DATE_TIME_OFFSET;
  }

  /** SQL that turns a comparable expression of this type into a SQLite time value argument list. */
  public String sqliteTime(String expression) {
    return this == DATE_TIME_OFFSET ? expression + " / 1000.0, 'unixepoch'" : expression;
  }

  private static final class Text extends ColumnType {
    @Override public String sqlType() { return "TEXT"; }
    @Override public Object fromText(String text) { return text; }
    @Override public String toText(Object stored) { return (String) stored; }
    @Override public String toUriLiteral(Object stored) { return "'" + ((String) stored).replace("'", "''") + "'"; }
    @Override public void writeJson(JsonGenerator json, Object stored, boolean ieee754) throws IOException {
      json.writeString((String) stored);
    }
  }

  private static final class Guid extends ColumnType {
    @Override public String sqlType() { return "TEXT"; }
    @Override public Object fromText(String text) { return UUID.fromString(text).toString(); }
    @Override public String toText(Object stored) { return (String) stored; }
    @Override public void writeJson(JsonGenerator json, Object stored, boolean ieee754) throws IOException {
      json.writeString((String) stored);
    }
  }

  private static final class Bool extends ColumnType {
    @Override public String sqlType() { return "INTEGER"; }
    @Override public Object fromText(String text) { return Boolean.parseBoolean(text) ? 1L : 0L; }
    @Override public String toText(Object stored) { return asLong(stored) != 0 ? "true" : "false"; }
    @Override public Object read(ResultSet row, int index) throws SQLException { return readLong(row, index); }
    @Override public void writeJson(JsonGenerator json, Object stored, boolean ieee754) throws IOException {
      json.writeBoolean(asLong(stored) != 0);
    }
  }

  private static final class Integral extends ColumnType {
    private final boolean int64;

    Integral(boolean int64) {
      this.int64 = int64;
    }

    @Override public String sqlType() { return "INTEGER"; }
    @Override public Object fromText(String text) { return Long.parseLong(text); }
    @Override public String toText(Object stored) { return Long.toString(asLong(stored)); }
    @Override public Object read(ResultSet row, int index) throws SQLException { return readLong(row, index); }
    @Override public void writeJson(JsonGenerator json, Object stored, boolean ieee754) throws IOException {
      if (int64 && ieee754) {
        json.writeString(Long.toString(asLong(stored)));
      } else {
        json.writeNumber(asLong(stored));
      }
    }
  }

  /** Decimals with a fixed scale, stored exactly as a count of the smallest unit. */
  private static final class ScaledDecimal extends ColumnType {
    private final int scale;
    private final String divisor;

    ScaledDecimal(int scale) {
      this.scale = scale;
      this.divisor = BigDecimal.ONE.scaleByPowerOfTen(scale).toPlainString() + ".0";
    }

    @Override public String sqlType() { return "INTEGER"; }
    @Override public Object fromText(String text) {
      try {
        return new BigDecimal(text).setScale(scale).unscaledValue().longValueExact();
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("The decimal " + text + " has more than " + scale + " decimal places.", e);
      }
    }
    @Override public String toText(Object stored) { return decimal(stored).toPlainString(); }
    @Override public Object read(ResultSet row, int index) throws SQLException { return readLong(row, index); }
    @Override public String comparable(String column) { return "(" + column + " / " + divisor + ")"; }
    @Override public void writeJson(JsonGenerator json, Object stored, boolean ieee754) throws IOException {
      if (ieee754) {
        json.writeString(toText(stored));
      } else {
        json.writeNumber(decimal(stored));
      }
    }

    private BigDecimal decimal(Object stored) {
      return BigDecimal.valueOf(asLong(stored), scale);
    }
  }

  /** Decimals and floating-point values compared as SQLite REAL, for filter literals. */
  private static final class Number extends ColumnType {
    @Override public String sqlType() { return "REAL"; }
    @Override public Object fromText(String text) { return Double.parseDouble(text); }
    @Override public String toText(Object stored) { return new BigDecimal(stored.toString()).toPlainString(); }
    @Override public void writeJson(JsonGenerator json, Object stored, boolean ieee754) throws IOException {
      json.writeNumber(((java.lang.Number) stored).doubleValue());
    }
  }

  private static final class DateColumn extends ColumnType {
    @Override public String sqlType() { return "TEXT"; }
    @Override public Object fromText(String text) { return LocalDate.parse(text).toString(); }
    @Override public String toText(Object stored) { return (String) stored; }
    @Override public void writeJson(JsonGenerator json, Object stored, boolean ieee754) throws IOException {
      json.writeString((String) stored);
    }
  }

  /** Points in time, stored as milliseconds since the epoch in UTC (the model's precision is 3). */
  private static final class DateTimeOffset extends ColumnType {
    @Override public String sqlType() { return "INTEGER"; }
    @Override public Object fromText(String text) { return OffsetDateTime.parse(text).toInstant().toEpochMilli(); }
    @Override public String toText(Object stored) { return instant(asLong(stored)); }
    @Override public Object read(ResultSet row, int index) throws SQLException { return readLong(row, index); }
    @Override public void writeJson(JsonGenerator json, Object stored, boolean ieee754) throws IOException {
      json.writeString(toText(stored));
    }
  }

  /** Durations, stored as milliseconds. */
  private static final class DurationColumn extends ColumnType {
    @Override public String sqlType() { return "INTEGER"; }
    @Override public Object fromText(String text) { return Duration.parse(text).toMillis(); }
    @Override public String toText(Object stored) { return Duration.ofMillis(asLong(stored)).toString(); }
    @Override public String toUriLiteral(Object stored) { return "duration'" + toText(stored) + "'"; }
    @Override public Object read(ResultSet row, int index) throws SQLException { return readLong(row, index); }
    @Override public void writeJson(JsonGenerator json, Object stored, boolean ieee754) throws IOException {
      json.writeString(toText(stored));
    }
  }

  private static final class Binary extends ColumnType {
    @Override public String sqlType() { return "BLOB"; }
    @Override public Object fromText(String text) { return Base64.getUrlDecoder().decode(text.replace('+', '-').replace('/', '_')); }
    @Override public String toText(Object stored) { return Base64.getUrlEncoder().encodeToString((byte[]) stored); }
    @Override public String toUriLiteral(Object stored) { return "binary'" + toText(stored) + "'"; }
    @Override public Object read(ResultSet row, int index) throws SQLException { return row.getBytes(index); }
    @Override public void writeJson(JsonGenerator json, Object stored, boolean ieee754) throws IOException {
      json.writeString(toText(stored));
    }
  }

  /** Enumeration members, stored as their numeric value. */
  private static final class EnumMember extends ColumnType {
    private final EdmEnumType type;

    EnumMember(EdmEnumType type) {
      this.type = type;
    }

    @Override public String sqlType() { return "INTEGER"; }
    @Override public Object fromText(String text) {
      var member = type.getMember(text);
      if (member != null) {
        return Long.parseLong(member.getValue());
      }
      for (String name : type.getMemberNames()) {
        if (type.getMember(name).getValue().equals(text)) {
          return Long.parseLong(text);
        }
      }
      throw new IllegalArgumentException("'" + text + "' is no member of " + type.getFullQualifiedName()
          + "; members are " + type.getMemberNames() + ".");
    }
    @Override public String toText(Object stored) {
      String value = Long.toString(asLong(stored));
      for (String name : type.getMemberNames()) {
        if (type.getMember(name).getValue().equals(value)) {
          return name;
        }
      }
      return value;
    }
    @Override public String toUriLiteral(Object stored) {
      return type.getFullQualifiedName().getFullQualifiedNameAsString() + "'" + toText(stored) + "'";
    }
    @Override public Object read(ResultSet row, int index) throws SQLException { return readLong(row, index); }
    @Override public void writeJson(JsonGenerator json, Object stored, boolean ieee754) throws IOException {
      json.writeString(toText(stored));
    }
  }

  /** A collection of strings kept as one JSON array text, so that filters can use json_each. */
  private static final class StringCollection extends ColumnType {
    private static final com.fasterxml.jackson.core.JsonFactory JSON = new com.fasterxml.jackson.core.JsonFactory();

    @Override public String sqlType() { return "TEXT"; }
    @Override public Object fromText(String text) { return text; }
    @Override public String toText(Object stored) { return (String) stored; }
    @Override public void writeJson(JsonGenerator json, Object stored, boolean ieee754) throws IOException {
      json.writeRawValue((String) stored);
    }

    /** The stored form of a list of strings. */
    static String store(List<?> values) {
      var out = new java.io.StringWriter();
      try (JsonGenerator json = JSON.createGenerator(out)) {
        json.writeStartArray();
        for (Object value : values) {
          if (value == null) {
            json.writeNull();
          } else {
            json.writeString(value.toString());
          }
        }
        json.writeEndArray();
      } catch (IOException e) {
        throw new IllegalStateException("Writing a JSON array to memory failed", e);
      }
      return out.toString();
    }
  }

  /** The stored form of a collection of strings. */
  public static String storeStrings(List<?> values) {
    return StringCollection.store(values);
  }

  /**
   * {@code yyyy-MM-ddTHH:mm:ss.SSSZ} for years 0 to 9999, written by hand because every entity
   * of a page carries two time stamps and DateTimeFormatter showed in profiles of large reads.
   */
  static String instant(long millis) {
    java.time.LocalDateTime time = java.time.LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0,
        java.time.ZoneOffset.UTC);
    if (time.getYear() < 0 || time.getYear() > 9999) {
      return Instant.ofEpochMilli(millis).toString();
    }
    char[] text = "0000-00-00T00:00:00.000Z".toCharArray();
    digits(text, 0, 4, time.getYear());
    digits(text, 5, 2, time.getMonthValue());
    digits(text, 8, 2, time.getDayOfMonth());
    digits(text, 11, 2, time.getHour());
    digits(text, 14, 2, time.getMinute());
    digits(text, 17, 2, time.getSecond());
    digits(text, 20, 3, (int) Math.floorMod(millis, 1000L));
    return new String(text);
  }

  private static void digits(char[] text, int at, int width, int value) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  static long asLong(Object stored) {
    return ((java.lang.Number) stored).longValue();
  }

  private static Object readLong(ResultSet row, int index) throws SQLException {
    long value = row.getLong(index);
    return row.wasNull() ? null : value;
  }
}
