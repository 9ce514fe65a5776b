package dev.outpost.internal.url;

import dev.outpost.GeoValue;
import dev.outpost.model.PrimitiveType;
import dev.outpost.query.Expr;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

/** Writes literals in the OData URL syntax (before percent-encoding). */
public final class LiteralFormat {

    private LiteralFormat() {
    }

    /** A primitive literal, for example {@code 'O''Neil'}, {@code 2024-05-01}, {@code duration'PT1H'}. */
    public static String format(Expr.Literal literal) {
        Object v = literal.value();
        if (v == null) {
            return "null";
        }
        PrimitiveType t = literal.type();
        return switch (t.family()) {
            case STRING -> "'" + ((String) v).replace("'", "''") + "'";
            case BOOLEAN, INTEGER, GUID, DATE -> v.toString();
            case DECIMAL -> ((BigDecimal) v).toPlainString();
            case FLOATING -> floating(((Number) v).doubleValue(), v instanceof Float);
            case TIME_OF_DAY -> timeOfDay((LocalTime) v);
            case DATE_TIME_OFFSET -> dateTimeOffset((OffsetDateTime) v);
            case DURATION -> "duration'" + duration((Duration) v) + "'";
            case BINARY -> "binary'" + Base64.getUrlEncoder().encodeToString((byte[]) v) + "'";
            case GEO -> geo((GeoValue) v);
            default -> throw new IllegalArgumentException(t.edmName() + " has no URL literal");
        };
    }

    /** An enum literal: {@code Namespace.Type'Member'} or {@code Namespace.Type'A,B'}. */
    public static String format(Expr.EnumLiteral literal) {
        return literal.enumType() + "'" + String.join(",", literal.members()) + "'";
    }

    private static String floating(double d, boolean single) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "INF" : "-INF";
        }
        return single ? Float.toString((float) d) : Double.toString(d);
    }

    /** {@code HH:mm:ss[.fffffffff]}, always with seconds, trailing zeros of the fraction dropped. */
    public static String timeOfDay(LocalTime t) {
        StringBuilder s = new StringBuilder();
        two(s, t.getHour()).append(':');
        two(s, t.getMinute()).append(':');
        two(s, t.getSecond());
        fraction(s, t.getNano());
        return s.toString();
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.fff]Z} or with {@code +hh:mm}, always with seconds. */
    public static String dateTimeOffset(OffsetDateTime t) {
        StringBuilder s = new StringBuilder(t.toLocalDate().toString()).append('T')
                .append(timeOfDay(t.toLocalTime()));
        ZoneOffset offset = t.getOffset();
        s.append(offset.getTotalSeconds() == 0 ? "Z" : offset.getId());
        return s.toString();
    }

    /** An xsd dayTimeDuration: {@code P1DT2H3M4.5S}, {@code -PT1H}, {@code PT0S}. */
    public static String duration(Duration d) {
        StringBuilder s = new StringBuilder();
        if (d.isNegative()) {
            s.append('-');
            d = d.negated();
        }
        long seconds = d.getSeconds();
        int nanos = d.getNano();
        long days = seconds / 86_400;
        long hours = (seconds % 86_400) / 3_600;
        long minutes = (seconds % 3_600) / 60;
        long secs = seconds % 60;
        s.append('P');
        if (days > 0) {
            s.append(days).append('D');
        }
        if (hours > 0 || minutes > 0 || secs > 0 || nanos > 0 || days == 0) {
            s.append('T');
            if (hours > 0) {
                s.append(hours).append('H');
            }
            if (minutes > 0) {
                s.append(minutes).append('M');
            }
            if (secs > 0 || nanos > 0 || (hours == 0 && minutes == 0)) {
                s.append(secs);
                fraction(s, nanos);
                s.append('S');
            }
        }
        return s.toString();
    }

    private static String geo(GeoValue g) {
        return (g.isGeography() ? "geography" : "geometry") + "'SRID=" + g.srid() + ";" + g.toWkt() + "'";
    }

    private static StringBuilder two(StringBuilder s, int v) {
        if (v < 10) {
            s.append('0');
        }
        return s.append(v);
    }

    private static void fraction(StringBuilder s, int nanos) {
        if (nanos == 0) {
            return;
        }
        String f = String.format("%09d", nanos);
        int end = f.length();
        while (end > 1 && f.charAt(end - 1) == '0') {
            end--;
        }
        s.append('.').append(f, 0, end);
    }
}
