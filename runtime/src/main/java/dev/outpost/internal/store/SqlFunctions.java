package dev.outpost.internal.store;

import org.sqlite.Function;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Functions registered on every store connection so that local queries follow OData's
 * semantics exactly where SQLite's built-ins do not: decimal arithmetic on exact decimal text,
 * date/time parts of a DateTimeOffset in its own offset, Unicode case mapping, regular
 * expressions. NULL in, NULL out, as in OData.
 */
final class SqlFunctions {

    private static final MathContext DIVISION = MathContext.DECIMAL128;
    /** Marks errors about values in a query; the database turns them into 400s. */
    static final String BAD_VALUE = "[bad value] ";
    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private SqlFunctions() {
    }

    static void register(Connection c) throws SQLException {
        decimal(c, "outpost_dec_add", 2, (a, b) -> a.add(b));
        decimal(c, "outpost_dec_sub", 2, (a, b) -> a.subtract(b));
        decimal(c, "outpost_dec_mul", 2, (a, b) -> a.multiply(b));
        decimal(c, "outpost_dec_div", 2, (a, b) -> b.signum() == 0 ? null : a.divide(b, DIVISION).stripTrailingZeros());
        decimal(c, "outpost_dec_mod", 2, (a, b) -> b.signum() == 0 ? null : a.remainder(b));
        decimal(c, "outpost_dec_neg", 1, (a, b) -> a.negate());
        decimal(c, "outpost_dec_round", 1, (a, b) -> a.setScale(0, RoundingMode.HALF_UP));
        decimal(c, "outpost_dec_floor", 1, (a, b) -> a.setScale(0, RoundingMode.FLOOR));
        decimal(c, "outpost_dec_ceiling", 1, (a, b) -> a.setScale(0, RoundingMode.CEILING));
        textToLong(c, "outpost_dto_part", 3);
        textToText(c, "outpost_dto_date", 2, args -> local(args).toLocalDate().toString());
        textToText(c, "outpost_dto_time", 2, args -> ValueCodec.timeText(local(args).toLocalTime()));
        textToText(c, "outpost_dto_fraction", 2, args -> fraction(local(args).getNano()));
        textToText(c, "outpost_lower", 1, args -> args[0].toLowerCase(Locale.ROOT));
        textToText(c, "outpost_upper", 1, args -> args[0].toUpperCase(Locale.ROOT));
        textToText(c, "outpost_time_fraction", 1, args -> fraction(LocalTime.parse(args[0]).getNano()));
        Function.create(c, "outpost_matches", new Function() {
            @Override
            protected void xFunc() throws SQLException {
                String text = value_text(0);
                String regex = value_text(1);
                if (text == null || regex == null) {
                    result();
                    return;
                }
                try {
                    Pattern p = PATTERNS.computeIfAbsent(regex, Pattern::compile);
                    result(p.matcher(text).find() ? 1 : 0);
                } catch (PatternSyntaxException e) {
                    error(BAD_VALUE + "matchesPattern: invalid regular expression '" + regex + "': " + e.getDescription());
                }
            }
        }, 2, Function.FLAG_DETERMINISTIC);
        Function.create(c, "outpost_duration_seconds", new Function() {
            @Override
            protected void xFunc() throws SQLException {
                if (value_type(0) == 5) { // SQLITE_NULL
                    result();
                    return;
                }
                result(BigDecimal.valueOf(value_long(0), 9).stripTrailingZeros().toPlainString());
            }
        }, 1, Function.FLAG_DETERMINISTIC);
        textToText(c, "outpost_public_body", 1, args -> RequestBodies.withoutMarkers(args[0]));
        Function.create(c, "outpost_now", new Function() {
            @Override
            protected void xFunc() throws SQLException {
                result(ValueCodec.instantText(OffsetDateTime.now(ZoneOffset.UTC)));
            }
        }, 0);
    }

    /** The local date-time of a DateTimeOffset stored as (UTC text, offset minutes). */
    private static java.time.LocalDateTime local(String[] args) {
        return ValueCodec.dateTimeOffset(args[0], Integer.parseInt(args[1])).toLocalDateTime();
    }

    private static String fraction(int nanos) {
        return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString();
    }

    private interface DecimalOp {
        BigDecimal apply(BigDecimal a, BigDecimal b);
    }

    private interface TextOp {
        String apply(String[] args);
    }

    private static void decimal(Connection c, String name, int arity, DecimalOp op) throws SQLException {
        Function.create(c, name, new Function() {
            @Override
            protected void xFunc() throws SQLException {
                BigDecimal a = number(0);
                BigDecimal b = arity > 1 ? number(1) : BigDecimal.ZERO;
                if (a == null || b == null) {
                    result();
                    return;
                }
                BigDecimal r = op.apply(a, b);
                if (r == null) {
                    result();
                } else {
                    result(r.toPlainString());
                }
            }

            private BigDecimal number(int i) throws SQLException {
                int type = value_type(i);
                if (type == 5) {
                    return null;
                }
                if (type == 1) {
                    return BigDecimal.valueOf(value_long(i));
                }
                String text = value_text(i);
                try {
                    return new BigDecimal(text);
                } catch (NumberFormatException e) {
                    error(BAD_VALUE + "not a decimal number: '" + text + "'");
                    return null;
                }
            }
        }, arity, Function.FLAG_DETERMINISTIC);
    }

    private static void textToText(Connection c, String name, int arity, TextOp op) throws SQLException {
        Function.create(c, name, new Function() {
            @Override
            protected void xFunc() throws SQLException {
                String[] args = new String[arity];
                for (int i = 0; i < arity; i++) {
                    args[i] = value_text(i);
                    if (args[i] == null) {
                        result();
                        return;
                    }
                }
                result(op.apply(args));
            }
        }, arity, Function.FLAG_DETERMINISTIC);
    }

    /** {@code outpost_dto_part(utcText, offsetMinutes, part)}: year, month, day, hour, minute, second, offset. */
    private static void textToLong(Connection c, String name, int arity) throws SQLException {
        Function.create(c, name, new Function() {
            @Override
            protected void xFunc() throws SQLException {
                String utc = value_text(0);
                String offset = value_text(1);
                String part = value_text(2);
                if (utc == null || offset == null) {
                    result();
                    return;
                }
                OffsetDateTime t = ValueCodec.dateTimeOffset(utc, Integer.parseInt(offset));
                switch (part) {
                    case "year" -> result(t.getYear());
                    case "month" -> result(t.getMonthValue());
                    case "day" -> result(t.getDayOfMonth());
                    case "hour" -> result(t.getHour());
                    case "minute" -> result(t.getMinute());
                    case "second" -> result(t.getSecond());
                    case "totaloffsetminutes" -> result(t.getOffset().getTotalSeconds() / 60);
                    default -> error("unknown date part " + part);
                }
            }
        }, arity, Function.FLAG_DETERMINISTIC);
    }
}
