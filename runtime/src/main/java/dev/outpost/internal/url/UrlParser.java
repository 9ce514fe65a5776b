package dev.outpost.internal.url;

import dev.outpost.DataRequestException;
import dev.outpost.model.PrimitiveType;
import dev.outpost.model.QualifiedName;
import dev.outpost.query.BooleanExpression;
import dev.outpost.query.DataQuery;
import dev.outpost.query.Expr;
import dev.outpost.query.Expression;
import dev.outpost.query.FunctionName;
import dev.outpost.query.Literals;
import dev.outpost.query.OrderBy;
import dev.outpost.query.ResourcePath;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses OData URLs relative to the service root into the same query AST the typed DSL builds
 * (invariant 1), for the dynamic API and the command line: resource paths with keys,
 * navigations, casts and {@code $count}; {@code $filter}, {@code $select}, {@code $expand} with
 * nested options, {@code $orderby}, {@code $top}, {@code $skip}, {@code $count},
 * {@code $skiptoken} and custom options; and the offline store's functions. Every error is a 400
 * that says what was unexpected, where, and what was expected.
 */
public final class UrlParser {

    private static final Map<String, int[]> ARITY = Map.ofEntries(
            Map.entry(FunctionName.CONTAINS, new int[] {2, 2}), Map.entry(FunctionName.STARTSWITH, new int[] {2, 2}),
            Map.entry(FunctionName.ENDSWITH, new int[] {2, 2}), Map.entry(FunctionName.LENGTH, new int[] {1, 1}),
            Map.entry(FunctionName.INDEXOF, new int[] {2, 2}), Map.entry(FunctionName.SUBSTRING, new int[] {2, 3}),
            Map.entry(FunctionName.TOLOWER, new int[] {1, 1}), Map.entry(FunctionName.TOUPPER, new int[] {1, 1}),
            Map.entry(FunctionName.TRIM, new int[] {1, 1}), Map.entry(FunctionName.CONCAT, new int[] {2, 2}),
            Map.entry("matchespattern", new int[] {2, 2}), Map.entry(FunctionName.YEAR, new int[] {1, 1}),
            Map.entry(FunctionName.MONTH, new int[] {1, 1}), Map.entry(FunctionName.DAY, new int[] {1, 1}),
            Map.entry(FunctionName.HOUR, new int[] {1, 1}), Map.entry(FunctionName.MINUTE, new int[] {1, 1}),
            Map.entry(FunctionName.SECOND, new int[] {1, 1}), Map.entry(FunctionName.FRACTIONALSECONDS, new int[] {1, 1}),
            Map.entry(FunctionName.DATE, new int[] {1, 1}), Map.entry(FunctionName.TIME, new int[] {1, 1}),
            Map.entry(FunctionName.TOTALOFFSETMINUTES, new int[] {1, 1}), Map.entry(FunctionName.TOTALSECONDS, new int[] {1, 1}),
            Map.entry(FunctionName.NOW, new int[] {0, 0}), Map.entry(FunctionName.MINDATETIME, new int[] {0, 0}),
            Map.entry(FunctionName.MAXDATETIME, new int[] {0, 0}), Map.entry(FunctionName.ROUND, new int[] {1, 1}),
            Map.entry(FunctionName.FLOOR, new int[] {1, 1}), Map.entry(FunctionName.CEILING, new int[] {1, 1}),
            Map.entry(FunctionName.GEO_DISTANCE, new int[] {2, 2}), Map.entry(FunctionName.GEO_INTERSECTS, new int[] {2, 2}),
            Map.entry(FunctionName.GEO_LENGTH, new int[] {1, 1}), Map.entry(FunctionName.IS_LOCAL, new int[] {0, 0}),
            Map.entry(FunctionName.HAS_PENDING_CHANGES, new int[] {0, 0}),
            Map.entry(FunctionName.IN_ERROR_STATE, new int[] {0, 0}), Map.entry(FunctionName.ENTITY_EXISTS, new int[] {1, 1}));

    private static final Pattern GUID = Pattern.compile("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");
    private static final Pattern DATE_TIME = Pattern.compile("-?\\d{4,}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern DATE = Pattern.compile("-?\\d{4,}-\\d{2}-\\d{2}");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    private UrlParser() {
    }

    /** Parses a URL relative to the service root, such as {@code WorkOrders?$filter=Priority lt 3}. */
    public static DataQuery parse(String url) {
        if (url == null || url.isBlank()) {
            throw new DataRequestException(400, "empty URL; give an entity set, for example WorkOrders?$top=10");
        }
        String text = url.startsWith("/") ? url.substring(1) : url;
        int q = text.indexOf('?');
        String path = q < 0 ? text : text.substring(0, q);
        String query = q < 0 ? "" : text.substring(q + 1);
        DataQuery result = DataQuery.from(resourcePath(path, url));
        return options(result, query, url);
    }

    /** Parses a {@code $filter} expression. */
    public static Expr expression(String text) {
        Parser p = new Parser(text, "$filter");
        Expr e = p.expression();
        p.end();
        return e;
    }

    // ---- resource path -------------------------------------------------------------------------

    private static ResourcePath resourcePath(String raw, String url) {
        List<String> segments = split(raw, '/');
        if (segments.isEmpty() || segments.get(0).isEmpty()) {
            throw new DataRequestException(400, "'" + url + "' names no entity set");
        }
        ResourcePath path = null;
        for (String encoded : segments) {
            String segment = decode(encoded, url);
            if (segment.isEmpty()) {
                throw new DataRequestException(400, "'" + url + "' has an empty path segment");
            }
            if (segment.equals("$count")) {
                if (path == null) {
                    throw new DataRequestException(400, "'" + url + "': $count must follow a collection");
                }
                path = path.then(new ResourcePath.Count());
                continue;
            }
            int paren = segment.indexOf('(');
            String name = paren < 0 ? segment : segment.substring(0, paren);
            if (path == null) {
                path = ResourcePath.of(name);
            } else if (name.indexOf('.') > 0 && paren < 0) {
                if (name.endsWith(".")) {
                    throw new DataRequestException(400, "'" + url + "': '" + name + "' is not a qualified type name"
                            + " (Namespace.Name)");
                }
                path = path.then(new ResourcePath.Cast(QualifiedName.parse(name)));
            } else {
                path = path.then(new ResourcePath.Named(name));
            }
            if (paren >= 0) {
                if (!segment.endsWith(")")) {
                    throw new DataRequestException(400, "'" + url + "': the key predicate of '" + name
                            + "' is not closed with ')'");
                }
                path = path.then(keyPredicate(segment.substring(paren + 1, segment.length() - 1), url));
            }
        }
        return path;
    }

    private static ResourcePath.Key keyPredicate(String text, String url) {
        List<ResourcePath.KeyPart> parts = new ArrayList<>();
        for (String part : split(text, ',')) {
            int eq = indexOutsideQuotes(part, '=');
            String name = eq < 0 ? null : part.substring(0, eq).trim();
            String value = eq < 0 ? part.trim() : part.substring(eq + 1).trim();
            Parser p = new Parser(value, "key predicate of " + url);
            Expr literal = p.primary();
            p.end();
            if (!(literal instanceof Expr.Literal l) || l.value() == null) {
                throw new DataRequestException(400, "'" + url + "': the key value '" + value + "' is not a literal");
            }
            parts.add(new ResourcePath.KeyPart(name, l));
        }
        return new ResourcePath.Key(parts);
    }

    // ---- query options -------------------------------------------------------------------------

    private static DataQuery options(DataQuery query, String raw, String url) {
        DataQuery q = query;
        if (raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), url);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), url);
            q = option(q, name, value, url);
        }
        return q;
    }

    private static DataQuery option(DataQuery q, String name, String value, String url) {
        String n = name.toLowerCase(Locale.ROOT);
        if (!n.startsWith("$") && isSystem("$" + n)) {
            n = "$" + n;
        }
        switch (n) {
            case "$filter":
                return q.filter(new BooleanExpression(expression(value)));
            case "$select":
                return select(q, value, "$select");
            case "$expand":
                return expand(q, value, url);
            case "$orderby":
                return orderBy(q, value);
            case "$top":
                return q.top(number(value, "$top"));
            case "$skip":
                return q.skip(number(value, "$skip"));
            case "$count":
                if (value.equalsIgnoreCase("true")) {
                    return q.withCount();
                }
                if (value.equalsIgnoreCase("false")) {
                    return q;
                }
                throw new DataRequestException(400, "$count takes true or false, not '" + value + "'");
            case "$skiptoken":
                return q.skipToken(value);
            case "$format":
                if (value.toLowerCase(Locale.ROOT).startsWith("json") || value.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                    return q;
                }
                throw new DataRequestException(400, "$format=" + value + " is not supported; the store answers JSON");
            default:
                if (n.startsWith("$")) {
                    throw new DataRequestException(400, "the system query option '" + name + "' is not supported by the"
                            + " offline store; supported: $filter, $select, $expand, $orderby, $top, $skip, $count, $skiptoken");
                }
                return q.custom(name, value);
        }
    }

    private static boolean isSystem(String n) {
        return List.of("$filter", "$select", "$expand", "$orderby", "$top", "$skip", "$count", "$skiptoken", "$format",
                "$search", "$apply", "$compute", "$levels", "$index", "$schemaversion").contains(n);
    }

    private static int number(String value, String option) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new DataRequestException(400, option + " takes a non-negative whole number, not '" + value + "'");
        }
    }

    private static DataQuery select(DataQuery q, String value, String where) {
        List<Expression> paths = new ArrayList<>();
        for (String item : split(value, ',')) {
            String s = item.trim();
            if (s.equals("*")) {
                return q;
            }
            Parser p = new Parser(s, where);
            Expr e = p.path(null);
            p.end();
            paths.add(new PathExpression(e));
        }
        return q.select(paths.toArray(new Expression[0]));
    }

    private static DataQuery orderBy(DataQuery q, String value) {
        List<OrderBy> items = new ArrayList<>();
        for (String item : split(value, ',')) {
            String s = item.trim();
            boolean descending = false;
            String lower = s.toLowerCase(Locale.ROOT);
            if (lower.endsWith(" desc")) {
                descending = true;
                s = s.substring(0, s.length() - 5).trim();
            } else if (lower.endsWith(" asc")) {
                s = s.substring(0, s.length() - 4).trim();
            }
            Parser p = new Parser(s, "$orderby");
            Expr e = p.expression();
            p.end();
            items.add(new OrderBy(e, descending));
        }
        return q.orderBy(items.toArray(new OrderBy[0]));
    }

    private static DataQuery expand(DataQuery q, String value, String url) {
        DataQuery result = q;
        for (String item : split(value, ',')) {
            String s = item.trim();
            if (s.isEmpty()) {
                throw new DataRequestException(400, "$expand has an empty item in '" + value + "'");
            }
            int paren = indexOutsideQuotes(s, '(');
            String path = paren < 0 ? s : s.substring(0, paren).trim();
            Parser p = new Parser(path, "$expand");
            Expr nav = p.path(null);
            p.end();
            UnaryOperator<DataQuery> options = UnaryOperator.identity();
            if (paren >= 0) {
                if (!s.endsWith(")")) {
                    throw new DataRequestException(400, "$expand item '" + s + "' is not closed with ')'");
                }
                String inner = s.substring(paren + 1, s.length() - 1);
                options = nested -> {
                    DataQuery o = nested;
                    for (String opt : split(inner, ';')) {
                        int eq = opt.indexOf('=');
                        if (eq < 0) {
                            throw new DataRequestException(400, "$expand option '" + opt + "' has no '='");
                        }
                        String name = opt.substring(0, eq).trim();
                        if (name.equalsIgnoreCase("$levels")) {
                            throw new DataRequestException(400, "$levels in $expand is not supported by the offline store");
                        }
                        o = option(o, name, opt.substring(eq + 1), url);
                    }
                    return o;
                };
            }
            result = result.expand(new PathExpression(nav), options);
        }
        return result;
    }

    /** A path expression built by the parser. */
    private static final class PathExpression extends Expression {
        PathExpression(Expr node) {
            super(node);
        }

        @Override
        protected Expression wrap(Expr node) {
            return new PathExpression(node);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** Splits at a separator outside quotes and parentheses. */
    static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == separator) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static int indexOutsideQuotes(String text, char c) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\'') {
                quoted = !quoted;
            } else if (!quoted && ch == c) {
                return i;
            }
        }
        return -1;
    }

    /** Percent-decodes; {@code +} stays a plus sign (OData URLs encode spaces as %20). */
    static String decode(String s, String url) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        byte[] out = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new DataRequestException(400, "'" + url + "' has an incomplete percent-escape at '" + s.substring(i) + "'");
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new DataRequestException(400, "'" + url + "' has an invalid percent-escape '" + s.substring(i, i + 3) + "'");
                }
                out[n++] = (byte) (hi * 16 + lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                if (n + b.length > out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2 + b.length);
                }
                System.arraycopy(b, 0, out, n, b.length);
                n += b.length;
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }

    // ---- the expression parser -----------------------------------------------------------------

    /** A recursive-descent parser over one expression text. */
    private static final class Parser {
        private final String text;
        private final String where;
        /** How deep expressions may nest; far beyond what people write, far below what the stack holds. */
        static final int MAX_DEPTH = 100;
        static final int MAX_OPERATORS = 400;
        private final Deque<String> variables = new ArrayDeque<>();
        private int pos;
        private int depth;
        private int operators;

        Parser(String text, String where) {
            this.text = text;
            this.where = where;
        }

        private DataRequestException error(String message) {
            String shown = text.length() > 200 ? text.substring(0, 200) + "..." : text;
            return new DataRequestException(400, where + ": " + message + " at position " + (pos + 1) + " in '" + shown + "'");
        }

        void end() {
            skipSpaces();
            if (pos < text.length()) {
                throw error("unexpected '" + text.substring(pos, Math.min(text.length(), pos + 20)) + "'");
            }
        }

        private void skipSpaces() {
            while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
                pos++;
            }
        }

        private boolean peek(char c) {
            skipSpaces();
            return pos < text.length() && text.charAt(pos) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'" + (pos < text.length() ? " but found '" + text.charAt(pos) + "'" : " but the text ended"));
            }
            pos++;
        }

        /** Whether the next word is this keyword (case-insensitive), consuming it when it is. */
        private boolean keyword(String word) {
            skipSpaces();
            int end = pos + word.length();
            if (end <= text.length() && text.regionMatches(true, pos, word, 0, word.length())
                    && (end == text.length() || !isIdentifierChar(text.charAt(end)) && text.charAt(end) != '(' || word.equals("in") && text.charAt(end) == '(')) {
                if (end < text.length() && text.charAt(end) == '(' && !word.equals("in")) {
                    return false;
                }
                pos = end;
                return true;
            }
            return false;
        }

        Expr expression() {
            Expr left = and();
            while (keyword("or")) {
                left = binary(Expr.BinaryOperator.OR, left, and());
            }
            return left;
        }

        private Expr and() {
            Expr left = equality();
            while (keyword("and")) {
                left = binary(Expr.BinaryOperator.AND, left, equality());
            }
            return left;
        }

        private Expr equality() {
            Expr left = relational();
            while (true) {
                if (keyword("eq")) {
                    left = binary(Expr.BinaryOperator.EQ, left, relational());
                } else if (keyword("ne")) {
                    left = binary(Expr.BinaryOperator.NE, left, relational());
                } else {
                    return left;
                }
            }
        }

        private Expr relational() {
            Expr left = additive();
            while (true) {
                if (keyword("lt")) {
                    left = binary(Expr.BinaryOperator.LT, left, additive());
                } else if (keyword("le")) {
                    left = binary(Expr.BinaryOperator.LE, left, additive());
                } else if (keyword("gt")) {
                    left = binary(Expr.BinaryOperator.GT, left, additive());
                } else if (keyword("ge")) {
                    left = binary(Expr.BinaryOperator.GE, left, additive());
                } else if (keyword("has")) {
                    left = binary(Expr.BinaryOperator.HAS, left, additive());
                } else if (keyword("in")) {
                    expect('(');
                    List<Expr> values = new ArrayList<>();
                    if (!peek(')')) {
                        do {
                            values.add(expression());
                        } while (consume(','));
                    }
                    expect(')');
                    left = counted(new Expr.In(left, values));
                } else {
                    return left;
                }
            }
        }

        private boolean consume(char c) {
            if (peek(c)) {
                pos++;
                return true;
            }
            return false;
        }

        private Expr additive() {
            Expr left = multiplicative();
            while (true) {
                if (keyword("add")) {
                    left = binary(Expr.BinaryOperator.ADD, left, multiplicative());
                } else if (keyword("sub")) {
                    left = binary(Expr.BinaryOperator.SUB, left, multiplicative());
                } else {
                    return left;
                }
            }
        }

        private Expr multiplicative() {
            Expr left = unary();
            while (true) {
                if (keyword("mul")) {
                    left = binary(Expr.BinaryOperator.MUL, left, unary());
                } else if (keyword("divby")) {
                    left = binary(Expr.BinaryOperator.DIVBY, left, unary());
                } else if (keyword("div")) {
                    left = binary(Expr.BinaryOperator.DIV, left, unary());
                } else if (keyword("mod")) {
                    left = binary(Expr.BinaryOperator.MOD, left, unary());
                } else {
                    return left;
                }
            }
        }

        private Expr binary(Expr.BinaryOperator operator, Expr left, Expr right) {
            return counted(new Expr.Binary(operator, left, right));
        }

        /**
         * Operators chain without nesting in the text but each adds a level to the tree that the
         * renderers and SQLite (at most 1000 levels) walk, so an expression has a bounded number.
         */
        private Expr counted(Expr operation) {
            if (++operators > MAX_OPERATORS) {
                throw error("the expression has more than " + MAX_OPERATORS + " operators; for a long list of"
                        + " alternatives use 'in (...)'");
            }
            return operation;
        }

        /**
         * Every nesting (parentheses, function arguments, lambdas, {@code not}, negation) passes
         * through here, so the depth bound keeps a hostile expression from exhausting the stack.
         */
        private Expr unary() {
            if (++depth > MAX_DEPTH) {
                throw error("the expression nests more than " + MAX_DEPTH + " levels deep");
            }
            try {
                skipSpaces();
                if (keyword("not")) {
                    return new Expr.Unary(Expr.UnaryOperator.NOT, unary());
                }
                if (pos < text.length() && text.charAt(pos) == '-' && pos + 1 < text.length()
                        && !Character.isDigit(text.charAt(pos + 1)) && !text.startsWith("-INF", pos)) {
                    pos++;
                    return new Expr.Unary(Expr.UnaryOperator.NEGATE, unary());
                }
                return primary();
            } finally {
                depth--;
            }
        }

        Expr primary() {
            skipSpaces();
            if (pos >= text.length()) {
                throw error("expected an operand but the text ended");
            }
            char c = text.charAt(pos);
            if (c == '(') {
                pos++;
                Expr inner = expression();
                expect(')');
                return inner;
            }
            if (c == '\'') {
                return new Expr.Literal(PrimitiveType.STRING, string());
            }
            Expr literal = literal();
            if (literal != null) {
                return literal;
            }
            if (Character.isLetter(c) || c == '_' || c == '$') {
                int start = pos;
                String name = identifier();
                if (peek('\'')) {
                    return typedLiteral(name, start);
                }
                String lower = name.toLowerCase(Locale.ROOT);
                switch (lower) {
                    case "true":
                        return Literals.of(PrimitiveType.BOOLEAN, Boolean.TRUE);
                    case "false":
                        return Literals.of(PrimitiveType.BOOLEAN, Boolean.FALSE);
                    case "null":
                        return Literals.nullLiteral();
                    case "inf":
                        return Literals.of(PrimitiveType.DOUBLE, Double.POSITIVE_INFINITY);
                    case "nan":
                        return Literals.of(PrimitiveType.DOUBLE, Double.NaN);
                    default:
                        break;
                }
                if (peek('(') && !variables.contains(name)) {
                    return call(name, start);
                }
                pos = start;
                return path(null);
            }
            throw error("unexpected '" + c + "'");
        }

        private String identifier() {
            int start = pos;
            while (pos < text.length() && (isIdentifierChar(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a name");
            }
            return text.substring(start, pos);
        }

        private static boolean isIdentifierChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '$';
        }

        private String string() {
            StringBuilder s = new StringBuilder();
            pos++;
            while (true) {
                if (pos >= text.length()) {
                    throw error("the string literal is not closed with '");
                }
                char c = text.charAt(pos++);
                if (c == '\'') {
                    if (pos < text.length() && text.charAt(pos) == '\'') {
                        s.append('\'');
                        pos++;
                    } else {
                        return s.toString();
                    }
                } else {
                    s.append(c);
                }
            }
        }

        /** Numbers, dates, times, date-time offsets and GUIDs (which may start with a letter). */
        private Expr literal() {
            String rest = text.substring(pos);
            Matcher guid = GUID.matcher(rest);
            if (guid.lookingAt() && (guid.end() == rest.length() || !isIdentifierChar(rest.charAt(guid.end())))) {
                pos += guid.end();
                return Literals.of(PrimitiveType.GUID, UUID.fromString(guid.group()));
            }
            char c = rest.charAt(0);
            if (!Character.isDigit(c) && !(c == '-' && rest.length() > 1 && (Character.isDigit(rest.charAt(1)) || rest.startsWith("-INF")))) {
                return null;
            }
            if (rest.startsWith("-INF")) {
                pos += 4;
                return Literals.of(PrimitiveType.DOUBLE, Double.NEGATIVE_INFINITY);
            }
            try {
                Matcher m = DATE_TIME.matcher(rest);
                if (m.lookingAt()) {
                    pos += m.end();
                    return Literals.of(PrimitiveType.DATE_TIME_OFFSET, OffsetDateTime.parse(m.group()));
                }
                m = DATE.matcher(rest);
                if (m.lookingAt()) {
                    pos += m.end();
                    return Literals.of(PrimitiveType.DATE, LocalDate.parse(m.group()));
                }
                m = TIME.matcher(rest);
                if (m.lookingAt()) {
                    pos += m.end();
                    return Literals.of(PrimitiveType.TIME_OF_DAY, LocalTime.parse(m.group()));
                }
            } catch (java.time.format.DateTimeParseException e) {
                throw error("invalid date or time literal (" + e.getParsedString() + ")");
            }
            Matcher m = NUMBER.matcher(rest);
            if (!m.lookingAt()) {
                return null;
            }
            pos += m.end();
            String number = m.group();
            if (m.group(2) != null) {
                return Literals.of(PrimitiveType.DOUBLE, Double.parseDouble(number));
            }
            if (m.group(1) != null) {
                return Literals.of(PrimitiveType.DECIMAL, new BigDecimal(number));
            }
            BigInteger i = new BigInteger(number);
            if (i.bitLength() < 32) {
                return Literals.of(PrimitiveType.INT32, i.intValue());
            }
            if (i.bitLength() < 64) {
                return Literals.of(PrimitiveType.INT64, i.longValue());
            }
            return Literals.of(PrimitiveType.DECIMAL, new BigDecimal(i));
        }

        private Expr typedLiteral(String prefix, int start) {
            String content = string();
            switch (prefix.toLowerCase(Locale.ROOT)) {
                case "duration":
                    try {
                        return Literals.of(PrimitiveType.DURATION, Durations.parse(content));
                    } catch (RuntimeException e) {
                        throw error("invalid duration '" + content + "'");
                    }
                case "binary":
                    try {
                        return Literals.of(PrimitiveType.BINARY, content.indexOf('+') >= 0 || content.indexOf('/') >= 0
                                ? Base64.getDecoder().decode(content) : Base64.getUrlDecoder().decode(content));
                    } catch (IllegalArgumentException e) {
                        throw error("invalid base64 in binary'" + content + "'");
                    }
                case "geography":
                case "geometry":
                    throw error("geo literals are not evaluated by the offline store");
                default:
                    if (prefix.indexOf('.') <= 0) {
                        pos = start;
                        throw error("unknown literal prefix '" + prefix + "'");
                    }
                    List<String> members = new ArrayList<>();
                    for (String m : content.split(",")) {
                        members.add(m.trim());
                    }
                    return new Expr.EnumLiteral(qualifiedName(prefix, start), members);
            }
        }

        private Expr call(String name, int start) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("outpost.")) {
                lower = "sap." + lower.substring("outpost.".length());
            }
            expect('(');
            if (lower.equals("isof") || lower.equals("cast")) {
                return typeCheck(lower);
            }
            int[] arity = ARITY.get(lower);
            if (arity == null) {
                pos = start;
                throw error("unknown function '" + name + "'");
            }
            List<Expr> args = new ArrayList<>();
            if (!peek(')')) {
                do {
                    args.add(expression());
                } while (consume(','));
            }
            expect(')');
            if (args.size() < arity[0] || args.size() > arity[1]) {
                pos = start;
                throw error(name + " takes " + (arity[0] == arity[1] ? String.valueOf(arity[0]) : arity[0] + " or " + arity[1])
                        + " argument(s), not " + args.size());
            }
            String canonical = lower.equals("matchespattern") ? FunctionName.MATCHES_PATTERN : lower;
            if (canonical.equals(FunctionName.ENTITY_EXISTS) && !(args.get(0) instanceof Expr.Path)) {
                throw error("sap.entityexists takes a navigation path");
            }
            return new Expr.Call(canonical, args);
        }

        private Expr typeCheck(String function) {
            Expr target = null;
            skipSpaces();
            int mark = pos;
            String first = identifier();
            if (!peek(',') && !peek('/') && first.indexOf('.') > 0) {
                expect(')');
                return new Expr.TypeCheck(function.equals("isof") ? Expr.TypeOperator.ISOF : Expr.TypeOperator.CAST, null,
                        qualifiedName(first, mark));
            }
            pos = mark;
            target = expression();
            expect(',');
            skipSpaces();
            int typeStart = pos;
            String type = identifier();
            expect(')');
            return new Expr.TypeCheck(function.equals("isof") ? Expr.TypeOperator.ISOF : Expr.TypeOperator.CAST, target,
                    qualifiedName(type, typeStart));
        }

        /** A type name such as {@code FieldService.WorkOrder}; anything else is a 400 at {@code start}. */
        private QualifiedName qualifiedName(String text, int start) {
            try {
                return QualifiedName.parse(text);
            } catch (IllegalArgumentException e) {
                pos = start;
                throw error("'" + text + "' is not a qualified type name (Namespace.Name)");
            }
        }

        /** A path, possibly starting at a lambda variable and ending in a lambda or {@code $count}. */
        Expr path(String variableOverride) {
            skipSpaces();
            String first = identifier();
            String variable = null;
            List<String> segments = new ArrayList<>();
            if (variables.contains(first)) {
                variable = first;
            } else if (!first.equals("$it") && !first.equals("$this")) {
                segments.add(first);
            }
            while (pos < text.length() && text.charAt(pos) == '/') {
                pos++;
                int start = pos;
                String segment = identifier();
                String lower = segment.toLowerCase(Locale.ROOT);
                if ((lower.equals("any") || lower.equals("all")) && peek('(')) {
                    return lambda(lower, new Expr.Path(variable, segments));
                }
                if (peek('(')) {
                    pos = start;
                    throw error("'" + segment + "(' is not a navigation, lambda or function here");
                }
                segments.add(segment);
            }
            if (variable == null && segments.isEmpty()) {
                throw error("expected a property path");
            }
            return new Expr.Path(variable, segments);
        }

        private Expr lambda(String operator, Expr.Path collection) {
            expect('(');
            Expr.LambdaOperator op = operator.equals("any") ? Expr.LambdaOperator.ANY : Expr.LambdaOperator.ALL;
            if (consume(')')) {
                if (op == Expr.LambdaOperator.ALL) {
                    throw error("all() needs a predicate");
                }
                return new Expr.Lambda(op, collection, null, null);
            }
            skipSpaces();
            String variable = identifier();
            expect(':');
            variables.push(variable);
            try {
                Expr predicate = expression();
                expect(')');
                return new Expr.Lambda(op, collection, variable, predicate);
            } finally {
                variables.pop();
            }
        }
    }
}
