package dev.outpost.internal.store;

import dev.outpost.DataRequestException;
import dev.outpost.internal.schema.Column;
import dev.outpost.internal.schema.Ddl;
import dev.outpost.internal.schema.Relationship;
import dev.outpost.model.EntityType;
import dev.outpost.model.EnumType;
import dev.outpost.model.NavigationProperty;
import dev.outpost.model.PrimitiveType;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.StructuredType;
import dev.outpost.query.Expr;
import dev.outpost.query.FunctionName;
import dev.outpost.internal.url.UrlRenderer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the query AST as SQL over the store's tables (invariant 1: every value is a bound
 * parameter). Each sub-expression carries the SQL form of its values, so that literals are
 * converted to the form of what they are compared with; equality is null-safe, as in OData.
 * Navigation paths become joins, lambdas and {@code $count} correlated subqueries.
 */
final class SqlRenderer {

    /** The SQL form of a value. */
    enum Kind { STRING, INTEGER, DECIMAL, FLOAT, BOOLEAN, DATE, TIME, DTO, DURATION, GUID, BINARY, ENUM, JSON, NULL, PREDICATE }

    /** A rendered sub-expression. */
    record Typed(Sql sql, Kind kind, EnumType enumType, Sql offset, Expr.Literal literal) {
        Typed(Sql sql, Kind kind) {
            this(sql, kind, null, null, null);
        }
    }

    /** The rows one query level ranges over: its table alias, set, and the joins its paths need. */
    final class Scope {
        final String alias;
        final Catalog.Set set;
        final TableInfo info;
        final Map<String, Scope> variables;
        final Map<String, String> joins = new LinkedHashMap<>();
        final List<String> joinSql = new ArrayList<>();
        final List<Object> joinParams = new ArrayList<>();
        final boolean json;
        final ValueType jsonElement;

        Scope(String alias, Catalog.Set set, Map<String, Scope> variables) {
            this.alias = alias;
            this.set = set;
            this.info = set == null ? null : rows.info(set);
            this.variables = variables;
            this.json = false;
            this.jsonElement = null;
        }

        /** A scope over the elements of a JSON collection column ({@code json_each}). */
        Scope(String alias, ValueType element, Map<String, Scope> variables) {
            this.alias = alias;
            this.set = null;
            this.info = null;
            this.variables = variables;
            this.json = true;
            this.jsonElement = element;
        }

        String from() {
            return Ddl.quote(info.table.table()) + " " + alias + (joinSql.isEmpty() ? "" : " " + String.join(" ", joinSql));
        }
    }

    private final Catalog catalog;
    private final EntityRows rows;
    private final ValueCodec codec;
    private int aliases;

    SqlRenderer(Catalog catalog, EntityRows rows) {
        this.catalog = catalog;
        this.rows = rows;
        this.codec = rows.codec();
    }

    /** A new scope for a query of a set. */
    Scope scope(Catalog.Set set) {
        return new Scope("t" + aliases++, set, new LinkedHashMap<>());
    }

    // ---- predicates ----------------------------------------------------------------------------

    /** Renders a Boolean expression as a predicate. */
    Sql predicate(Expr e, Scope scope) {
        Typed t = render(e, scope);
        return switch (t.kind()) {
            case PREDICATE -> t.sql();
            case BOOLEAN -> t.sql().wrap("(", " = 1)");
            case NULL -> Sql.of("0");
            default -> throw bad(e, "is not a Boolean condition");
        };
    }

    private static DataRequestException bad(Expr e, String what) {
        return new DataRequestException(400, "'" + UrlRenderer.expression(e) + "' " + what);
    }

    Typed render(Expr e, Scope scope) {
        if (e instanceof Expr.Literal l) {
            return literal(l);
        }
        if (e instanceof Expr.EnumLiteral l) {
            return enumLiteral(l);
        }
        if (e instanceof Expr.Path p) {
            return path(p, scope);
        }
        if (e instanceof Expr.Binary b) {
            return binary(b, scope);
        }
        if (e instanceof Expr.Unary u) {
            if (u.operator() == Expr.UnaryOperator.NOT) {
                return new Typed(predicate(u.operand(), scope).wrap("(NOT ", ")"), Kind.PREDICATE);
            }
            Typed operand = render(u.operand(), scope);
            return switch (operand.kind()) {
                case INTEGER, FLOAT -> new Typed(operand.sql().wrap("(-", ")"), operand.kind());
                case DECIMAL -> new Typed(operand.sql().wrap("outpost_dec_neg(", ")"), Kind.DECIMAL);
                default -> throw bad(e, "cannot be negated");
            };
        }
        if (e instanceof Expr.Call c) {
            return call(c, scope);
        }
        if (e instanceof Expr.Lambda l) {
            return lambda(l, scope);
        }
        if (e instanceof Expr.In in) {
            Typed left = render(in.left(), scope);
            List<Sql> values = new ArrayList<>();
            for (Expr v : in.values()) {
                values.add(coerce(render(v, scope), left, v).sql());
            }
            if (values.isEmpty()) {
                return new Typed(Sql.of("0"), Kind.PREDICATE);
            }
            Sql list = Sql.join(", ", values);
            Sql l = left.kind() == Kind.DECIMAL ? left.sql().wrap("", " COLLATE DECIMAL") : left.sql();
            return new Typed(l.then(" IN (", list).wrap("(", "))"), Kind.PREDICATE);
        }
        if (e instanceof Expr.TypeCheck t) {
            return typeCheck(t, scope);
        }
        throw bad(e, "is not supported by the offline store");
    }

    private Typed typeCheck(Expr.TypeCheck t, Scope scope) {
        if (t.operator() == Expr.TypeOperator.CAST) {
            return cast(t, scope);
        }
        if (t.target() != null) {
            if (!(t.target() instanceof Expr.Path p)) {
                throw bad(t, "needs a navigation path or $it as the first argument of isof");
            }
            Scope target = navigationScope(p, scope, t);
            return new Typed(typeIn(target, t.type(), t), Kind.PREDICATE);
        }
        return new Typed(typeIn(scope, t.type(), t), Kind.PREDICATE);
    }

    /**
     * {@code cast(...)}: to an entity type, the entity (its local ID) where it is of that type, else
     * null; to a primitive type, the value converted where SQLite converts it as OData does.
     */
    private Typed cast(Expr.TypeCheck t, Scope scope) {
        if (!t.type().namespace().equals(PrimitiveType.EDM)) {
            if (t.target() == null) {
                return new Typed(onlyIf(List.of(typeIn(scope, t.type(), t)), Sql.of(scope.alias + ".\"$lid\"")),
                        Kind.INTEGER);
            }
            if (!(t.target() instanceof Expr.Path p) || p.segments().isEmpty()) {
                throw bad(t, "needs a single-valued navigation path or $it as the first argument of cast");
            }
            Scope start = p.variable() != null ? scope.variables.get(p.variable()) : scope;
            if (start == null || start.json) {
                throw bad(t, "casts what is not an entity");
            }
            Walk w = walk(start, p.segments(), p);
            if (w.next() != p.segments().size()) {
                throw bad(t, "needs a single-valued navigation path as the first argument of cast");
            }
            List<Sql> conditions = new ArrayList<>(w.conditions());
            conditions.add(typeIn(rows.info(w.set()), w.alias(), t.type(), t));
            return new Typed(onlyIf(conditions, Sql.of(w.alias() + ".\"$lid\"")), Kind.INTEGER);
        }
        PrimitiveType to = PrimitiveType.byName(t.type().name())
                .orElseThrow(() -> bad(t, "names an unknown type " + t.type()));
        Typed v = t.target() == null ? null : render(t.target(), scope);
        if (v == null) {
            throw bad(t, "casts the current entity to a primitive type");
        }
        Kind from = v.kind();
        Kind target = kindOf(to);
        if (from == target && from != Kind.JSON || from == Kind.NULL) {
            return new Typed(v.sql(), target, null, v.offset(), null);
        }
        Sql converted = switch (target) {
            case STRING -> switch (from) {
                case INTEGER, FLOAT -> v.sql().wrap("CAST(", " AS TEXT)");
                case DECIMAL, GUID, DATE, TIME -> v.sql();
                default -> null;
            };
            case INTEGER -> from == Kind.FLOAT || from == Kind.DECIMAL ? v.sql().wrap("CAST(", " AS INTEGER)") : null;
            case DECIMAL -> from == Kind.INTEGER ? v.sql().wrap("CAST(", " AS TEXT)") : null;
            case FLOAT -> from == Kind.INTEGER || from == Kind.DECIMAL ? v.sql().wrap("CAST(", " AS REAL)") : null;
            default -> null;
        };
        if (converted == null) {
            throw bad(t, "casts a value of kind " + from.name().toLowerCase(java.util.Locale.ROOT) + " to " + t.type()
                    + ", which the offline store does not evaluate");
        }
        return new Typed(converted, target);
    }

    private Sql typeIn(Scope scope, QualifiedName type, Expr where) {
        return typeIn(scope.info, scope.alias, type, where);
    }

    /** {@code alias."$type" IN (type and the types derived from it)}. */
    private static Sql typeIn(TableInfo info, String alias, QualifiedName type, Expr where) {
        EntityType root = info.model.entityType(type).orElseThrow(() -> bad(where, "names an unknown type " + type));
        List<String> names = new ArrayList<>();
        collect(info, root, names);
        List<Sql> marks = new ArrayList<>();
        for (String n : names) {
            marks.add(Sql.of("?", n));
        }
        return Sql.join(", ", marks).wrap(alias + ".\"$type\" IN (", ")");
    }

    private static void collect(TableInfo info, StructuredType type, List<String> names) {
        names.add(type.qualifiedName().toString());
        for (StructuredType d : info.model.derivedTypes(type)) {
            collect(info, d, names);
        }
    }

    // ---- literals ------------------------------------------------------------------------------

    private Typed literal(Expr.Literal l) {
        if (l.value() == null) {
            return new Typed(Sql.of("NULL"), Kind.NULL, null, null, l);
        }
        Kind kind = kindOf(l.type());
        Object sql = codec.toSql(new ValueType.Primitive(l.type()), l.value(), "literal");
        return new Typed(Sql.of("?", sql), kind, null, null, l);
    }

    private Typed enumLiteral(Expr.EnumLiteral l) {
        EnumType type = catalog.model().enumType(l.enumType()).orElseThrow(() -> bad(l,
                "names an enum type the service does not have: " + l.enumType()));
        long value = codec.enumValue(type, String.join(",", l.members()), l.enumType().toString());
        return new Typed(Sql.of("?", value), Kind.ENUM, type, null, null);
    }

    private static Kind kindOf(PrimitiveType t) {
        return switch (t.family()) {
            case STRING -> Kind.STRING;
            case INTEGER -> Kind.INTEGER;
            case DECIMAL -> Kind.DECIMAL;
            case FLOATING -> Kind.FLOAT;
            case BOOLEAN -> Kind.BOOLEAN;
            case DATE -> Kind.DATE;
            case TIME_OF_DAY -> Kind.TIME;
            case DATE_TIME_OFFSET -> Kind.DTO;
            case DURATION -> Kind.DURATION;
            case GUID -> Kind.GUID;
            case BINARY -> Kind.BINARY;
            default -> Kind.JSON;
        };
    }

    /** Converts a literal operand to the SQL form of the other operand (for example an int to decimal text). */
    private Typed coerce(Typed operand, Typed other, Expr where) {
        Expr.Literal l = operand.literal();
        if (l == null || l.value() == null || operand.kind() == other.kind() && other.kind() != Kind.ENUM) {
            return operand;
        }
        Object v = l.value();
        switch (other.kind()) {
            case DECIMAL:
                if (v instanceof Number n) {
                    BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
                    return new Typed(Sql.of("?", d.toPlainString()), Kind.DECIMAL);
                }
                break;
            case FLOAT:
                if (v instanceof Number n) {
                    return new Typed(Sql.of("?", n.doubleValue()), Kind.FLOAT);
                }
                break;
            case INTEGER:
                if (v instanceof BigDecimal d) {
                    return new Typed(Sql.of("?", d.doubleValue()), Kind.FLOAT);
                }
                if (v instanceof Number n) {
                    return new Typed(Sql.of("?", n), Kind.INTEGER);
                }
                break;
            case ENUM:
                if (v instanceof String s && other.enumType() != null) {
                    return new Typed(Sql.of("?", codec.enumValue(other.enumType(), s, "literal")), Kind.ENUM);
                }
                if (v instanceof Number n) {
                    return new Typed(Sql.of("?", n.longValue()), Kind.ENUM);
                }
                break;
            case GUID:
                if (v instanceof String s) {
                    return new Typed(Sql.of("?", s.toLowerCase(java.util.Locale.ROOT)), Kind.GUID);
                }
                break;
            case DTO:
                if (v instanceof java.time.LocalDate d) {
                    return new Typed(Sql.of("?", ValueCodec.instantText(d.atStartOfDay().atOffset(java.time.ZoneOffset.UTC))), Kind.DTO);
                }
                break;
            case DATE, STRING, TIME, BOOLEAN, DURATION, BINARY, JSON, NULL, PREDICATE:
                break;
        }
        if (other.kind() == Kind.NULL || other.kind() == Kind.JSON) {
            return operand;
        }
        throw bad(where, "cannot be compared with a value of kind " + other.kind().name().toLowerCase(java.util.Locale.ROOT));
    }

    // ---- operators -----------------------------------------------------------------------------

    private Typed binary(Expr.Binary b, Scope scope) {
        switch (b.operator()) {
            case AND, OR -> {
                Sql l = predicate(b.left(), scope);
                Sql r = predicate(b.right(), scope);
                return new Typed(l.then(b.operator() == Expr.BinaryOperator.AND ? " AND " : " OR ", r).wrap("(", ")"),
                        Kind.PREDICATE);
            }
            case EQ, NE, LT, LE, GT, GE -> {
                return comparison(b, scope);
            }
            case HAS -> {
                Typed l = render(b.left(), scope);
                Typed r = coerce(render(b.right(), scope), l, b.right());
                if (l.kind() != Kind.ENUM) {
                    throw bad(b, "uses has on a value that is not an enum");
                }
                return new Typed(l.sql().then(" & ", r.sql()).wrap("(", ")").then(" = ", r.sql()).wrap("(", ")"),
                        Kind.PREDICATE);
            }
            default -> {
                return arithmetic(b, scope);
            }
        }
    }

    private Typed comparison(Expr.Binary b, Scope scope) {
        Typed l = render(b.left(), scope);
        Typed r = render(b.right(), scope);
        l = coerce(l, r, b.left());
        r = coerce(r, l, b.right());
        if (l.kind() == Kind.PREDICATE) {
            l = new Typed(l.sql(), Kind.BOOLEAN);
        }
        if (r.kind() == Kind.PREDICATE) {
            r = new Typed(r.sql(), Kind.BOOLEAN);
        }
        boolean decimal = l.kind() == Kind.DECIMAL || r.kind() == Kind.DECIMAL;
        String op = switch (b.operator()) {
            case EQ -> " IS ";
            case NE -> " IS NOT ";
            case LT -> " < ";
            case LE -> " <= ";
            case GT -> " > ";
            default -> " >= ";
        };
        boolean nullComparison = l.kind() == Kind.NULL || r.kind() == Kind.NULL;
        if (nullComparison && !(b.operator() == Expr.BinaryOperator.EQ || b.operator() == Expr.BinaryOperator.NE)) {
            return new Typed(Sql.of("(NULL)"), Kind.PREDICATE);
        }
        Sql right = decimal && !nullComparison ? r.sql().wrap("", " COLLATE DECIMAL") : r.sql();
        Sql compared = l.sql().then(op, right).wrap("(", ")");
        if (b.operator() == Expr.BinaryOperator.EQ && !nullComparison && isColumn(l) && isValue(r)) {
            // the same truth value, also under NOT (NULL = v AND NULL IS NOT NULL is false, not NULL); the
            // extra term lets SQLite use a partial index, and '=' (unlike IS) rejects NULL rows, so SQLite
            // turns the LEFT JOIN of a navigation path into an inner join and can start from the key index
            compared = l.sql().then(" = ", right).wrap("(", " AND " + l.sql().text() + " IS NOT NULL)");
        }
        return new Typed(compared, Kind.PREDICATE);
    }

    private static boolean isColumn(Typed t) {
        return t.literal() == null && t.sql().params().isEmpty() && t.sql().text().matches("[a-z][0-9]+\\.\"[^\"]+\"");
    }

    private static boolean isValue(Typed t) {
        return t.sql().text().equals("?") && t.sql().params().size() == 1 && t.sql().params().get(0) != null;
    }

    private Typed arithmetic(Expr.Binary b, Scope scope) {
        Typed l = render(b.left(), scope);
        Typed r = render(b.right(), scope);
        for (Typed t : List.of(l, r)) {
            if (t.literal() == null && t.kind() != Kind.INTEGER && t.kind() != Kind.DECIMAL && t.kind() != Kind.FLOAT
                    && t.kind() != Kind.NULL) {
                throw bad(b, "applies " + b.operator().odata() + " to a value that is not a number");
            }
        }
        l = coerce(l, r, b.left());
        r = coerce(r, l, b.right());
        boolean decimal = b.operator() == Expr.BinaryOperator.DIVBY
                || (l.kind() == Kind.DECIMAL || r.kind() == Kind.DECIMAL) && l.kind() != Kind.FLOAT && r.kind() != Kind.FLOAT;
        for (Typed t : List.of(l, r)) {
            if (t.kind() != Kind.INTEGER && t.kind() != Kind.DECIMAL && t.kind() != Kind.FLOAT && t.kind() != Kind.NULL) {
                throw bad(b, "applies " + b.operator().odata() + " to a value that is not a number");
            }
        }
        if (decimal) {
            String fn = switch (b.operator()) {
                case ADD -> "outpost_dec_add";
                case SUB -> "outpost_dec_sub";
                case MUL -> "outpost_dec_mul";
                case MOD -> "outpost_dec_mod";
                default -> "outpost_dec_div";
            };
            return new Typed(l.sql().then(", ", r.sql()).wrap(fn + "(", ")"), Kind.DECIMAL);
        }
        String op = switch (b.operator()) {
            case ADD -> " + ";
            case SUB -> " - ";
            case MUL -> " * ";
            case MOD -> " % ";
            default -> " / ";
        };
        Kind kind = l.kind() == Kind.FLOAT || r.kind() == Kind.FLOAT ? Kind.FLOAT : Kind.INTEGER;
        Sql left = kind == Kind.FLOAT && b.operator() == Expr.BinaryOperator.DIV ? l.sql().wrap("CAST(", " AS REAL)") : l.sql();
        return new Typed(left.then(op, r.sql()).wrap("(", ")"), kind);
    }

    // ---- functions -----------------------------------------------------------------------------

    private Typed call(Expr.Call c, Scope scope) {
        String f = c.function();
        List<Expr> args = c.arguments();
        switch (f) {
            case FunctionName.IS_LOCAL:
                return new Typed(Sql.of("(" + scope.alias + ".\"$local\" = 1)"), Kind.PREDICATE);
            case FunctionName.HAS_PENDING_CHANGES:
                return new Typed(requestExists(scope, "!= 'failed'"), Kind.PREDICATE);
            case FunctionName.IN_ERROR_STATE:
                return new Typed(requestExists(scope, "= 'failed'"), Kind.PREDICATE);
            case FunctionName.ENTITY_EXISTS:
                return new Typed(exists((Expr.Path) args.get(0), scope, null, c), Kind.PREDICATE);
            case FunctionName.NOW:
                return new Typed(Sql.of("outpost_now()"), Kind.DTO, null, Sql.of("0"), null);
            case FunctionName.MINDATETIME:
                return new Typed(Sql.of("'0001-01-01T00:00:00.000000000Z'"), Kind.DTO, null, Sql.of("0"), null);
            case FunctionName.MAXDATETIME:
                return new Typed(Sql.of("'9999-12-31T23:59:59.999999999Z'"), Kind.DTO, null, Sql.of("0"), null);
            default:
                break;
        }
        if (f.startsWith("geo.")) {
            throw bad(c, "uses " + f + ", which the offline store does not evaluate; filter on the back end instead");
        }
        Typed a = render(args.get(0), scope);
        switch (f) {
            case FunctionName.CONTAINS, FunctionName.STARTSWITH, FunctionName.ENDSWITH -> {
                Typed b = text(render(args.get(1), scope), c);
                text(a, c);
                Sql s = switch (f) {
                    case FunctionName.CONTAINS -> a.sql().then(", ", b.sql()).wrap("(instr(", ") > 0)");
                    case FunctionName.STARTSWITH -> a.sql().then(", 1, length(", b.sql()).wrap("substr(", "))")
                            .then(" = ", b.sql()).wrap("(", ")");
                    default -> b.sql().wrap("(length(", ") = 0 OR ").then("", a.sql().then(", -length(", b.sql())
                            .wrap("substr(", "))").then(" = ", b.sql())).wrap("", ")");
                };
                return new Typed(s, Kind.PREDICATE);
            }
            case FunctionName.MATCHES_PATTERN -> {
                Typed b = text(render(args.get(1), scope), c);
                if (b.literal() != null && b.literal().value() instanceof String regex) {
                    try {
                        java.util.regex.Pattern.compile(regex);
                    } catch (java.util.regex.PatternSyntaxException e) {
                        throw bad(c, "has an invalid regular expression: " + e.getDescription());
                    }
                }
                return new Typed(text(a, c).sql().then(", ", b.sql()).wrap("(outpost_matches(", ") = 1)"), Kind.PREDICATE);
            }
            case FunctionName.LENGTH -> {
                return new Typed(text(a, c).sql().wrap("length(", ")"), Kind.INTEGER);
            }
            case FunctionName.INDEXOF -> {
                Typed b = text(render(args.get(1), scope), c);
                return new Typed(text(a, c).sql().then(", ", b.sql()).wrap("(instr(", ") - 1)"), Kind.INTEGER);
            }
            case FunctionName.SUBSTRING -> {
                Typed start = render(args.get(1), scope);
                Sql s = text(a, c).sql().then(", ", start.sql().wrap("(", ") + 1"));
                if (args.size() == 3) {
                    s = s.then(", ", render(args.get(2), scope).sql());
                }
                return new Typed(s.wrap("substr(", ")"), Kind.STRING);
            }
            case FunctionName.TOLOWER -> {
                return new Typed(text(a, c).sql().wrap("outpost_lower(", ")"), Kind.STRING);
            }
            case FunctionName.TOUPPER -> {
                return new Typed(text(a, c).sql().wrap("outpost_upper(", ")"), Kind.STRING);
            }
            case FunctionName.TRIM -> {
                return new Typed(text(a, c).sql().wrap("trim(", ")"), Kind.STRING);
            }
            case FunctionName.CONCAT -> {
                Typed b = text(render(args.get(1), scope), c);
                return new Typed(text(a, c).sql().then(" || ", b.sql()).wrap("(", ")"), Kind.STRING);
            }
            case FunctionName.YEAR, FunctionName.MONTH, FunctionName.DAY, FunctionName.HOUR, FunctionName.MINUTE,
                    FunctionName.SECOND -> {
                return datePart(f, a, c);
            }
            case FunctionName.FRACTIONALSECONDS -> {
                if (a.kind() == Kind.DTO) {
                    return new Typed(a.sql().then(", ", a.offset()).wrap("outpost_dto_fraction(", ")"), Kind.DECIMAL);
                }
                if (a.kind() == Kind.TIME) {
                    return new Typed(a.sql().wrap("outpost_time_fraction(", ")"), Kind.DECIMAL);
                }
                throw bad(c, "needs a time or date-time value");
            }
            case FunctionName.DATE -> {
                requireKind(a, Kind.DTO, c);
                return new Typed(a.sql().then(", ", a.offset()).wrap("outpost_dto_date(", ")"), Kind.DATE);
            }
            case FunctionName.TIME -> {
                requireKind(a, Kind.DTO, c);
                return new Typed(a.sql().then(", ", a.offset()).wrap("outpost_dto_time(", ")"), Kind.TIME);
            }
            case FunctionName.TOTALOFFSETMINUTES -> {
                requireKind(a, Kind.DTO, c);
                return new Typed(a.offset(), Kind.INTEGER);
            }
            case FunctionName.TOTALSECONDS -> {
                requireKind(a, Kind.DURATION, c);
                return new Typed(a.sql().wrap("outpost_duration_seconds(", ")"), Kind.DECIMAL);
            }
            case FunctionName.ROUND, FunctionName.FLOOR, FunctionName.CEILING -> {
                if (a.kind() == Kind.INTEGER) {
                    return a;
                }
                if (a.kind() != Kind.DECIMAL && a.kind() != Kind.FLOAT) {
                    throw bad(c, "needs a number");
                }
                String fn = switch (f) {
                    case FunctionName.ROUND -> "outpost_dec_round";
                    case FunctionName.FLOOR -> "outpost_dec_floor";
                    default -> "outpost_dec_ceiling";
                };
                return new Typed(a.sql().wrap(fn + "(", ")"), Kind.DECIMAL);
            }
            default -> throw bad(c, "calls " + f + ", which the offline store does not know");
        }
    }

    private static Typed text(Typed t, Expr where) {
        if (t.kind() != Kind.STRING && t.kind() != Kind.NULL) {
            throw bad(where, "needs a string argument");
        }
        return t;
    }

    private static void requireKind(Typed t, Kind kind, Expr where) {
        if (t.kind() != kind) {
            throw bad(where, "needs a " + kind.name().toLowerCase(java.util.Locale.ROOT) + " value");
        }
    }

    private Typed datePart(String f, Typed a, Expr where) {
        if (a.kind() == Kind.DTO) {
            return new Typed(a.sql().then(", ", a.offset()).then(", ", Sql.of("?", f)).wrap("outpost_dto_part(", ")"),
                    Kind.INTEGER);
        }
        if (a.kind() == Kind.DATE && (f.equals(FunctionName.YEAR) || f.equals(FunctionName.MONTH) || f.equals(FunctionName.DAY))) {
            String range = switch (f) {
                case FunctionName.YEAR -> "1, length(%s) - 6";
                case FunctionName.MONTH -> "-5, 2";
                default -> "-2, 2";
            };
            String text = a.sql().text();
            return new Typed(new Sql("CAST(substr(" + text + ", " + String.format(range, text) + ") AS INTEGER)",
                    repeat(a.sql().params(), f.equals(FunctionName.YEAR) ? 2 : 1)), Kind.INTEGER);
        }
        if (a.kind() == Kind.TIME && (f.equals(FunctionName.HOUR) || f.equals(FunctionName.MINUTE) || f.equals(FunctionName.SECOND))) {
            int start = switch (f) {
                case FunctionName.HOUR -> 1;
                case FunctionName.MINUTE -> 4;
                default -> 7;
            };
            return new Typed(a.sql().wrap("CAST(substr(", ", " + start + ", 2) AS INTEGER)"), Kind.INTEGER);
        }
        throw bad(where, "needs a date, time or date-time value");
    }

    private static List<Object> repeat(List<Object> params, int times) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            out.addAll(params);
        }
        return out;
    }

    /** Whether requests in the given state touch the scope's entity (pending: {@code != 'failed'}). */
    Sql requestExists(Scope scope, String stateCondition) {
        if (scope.set == null || scope.set.system()) {
            return Sql.of("0");
        }
        return Sql.of("EXISTS (SELECT 1 FROM \"$request_entities\" re JOIN \"$requests\" rq ON rq.\"id\" = re.\"request\""
                + " WHERE re.\"entity_set\" = ? AND re.\"lid\" = " + scope.alias + ".\"$lid\" AND re.\"role\" = 'modified'"
                + " AND rq.\"state\" " + stateCondition + ")", scope.set.name());
    }

    // ---- paths ---------------------------------------------------------------------------------

    private Typed path(Expr.Path p, Scope scope) {
        Scope current = scope;
        List<String> segments = new ArrayList<>(p.segments());
        if (p.variable() != null) {
            current = scope.variables.get(p.variable());
            if (current == null) {
                throw bad(p, "uses the lambda variable '" + p.variable() + "' outside its lambda");
            }
        }
        if (current.json) {
            return jsonElement(current, segments, p);
        }
        if (segments.isEmpty()) {
            throw bad(p, "is a lambda variable over entities; compare one of its properties");
        }
        if (segments.get(segments.size() - 1).equals("$count")) {
            return count(p, current, segments.subList(0, segments.size() - 1));
        }
        Walk w = walk(current, segments, p);
        List<String> rest = segments.subList(w.next(), segments.size());
        if (rest.isEmpty()) {
            return new Typed(onlyIf(w.conditions(), Sql.of(w.alias() + ".\"$lid\"")), Kind.INTEGER);
        }
        TableInfo info = rows.info(w.set());
        List<String> propertyPath = new ArrayList<>();
        for (String s : rest) {
            if (s.indexOf('.') < 0) {
                propertyPath.add(s);
            }
        }
        Column column = info.byPath.get(propertyPath);
        if (column == null) {
            throw bad(p, "names no property of " + w.type().qualifiedName().name() + " ('" + String.join("/", propertyPath) + "')");
        }
        Sql ref = onlyIf(w.conditions(), Sql.of(w.alias() + "." + Ddl.quote(column.name())));
        if (column.role() == Column.Role.COMPLEX_PRESENT) {
            return new Typed(ref, Kind.JSON);
        }
        ValueType vt = info.types.get(propertyPath);
        if (vt instanceof ValueType.Enumeration en) {
            return new Typed(ref, Kind.ENUM, en.type(), null, null);
        }
        if (vt instanceof ValueType.Primitive prim) {
            Column offset = info.offsets.get(propertyPath);
            return new Typed(ref, kindOf(prim.type()), null,
                    offset == null ? null : onlyIf(w.conditions(), Sql.of(w.alias() + "." + Ddl.quote(offset.name()))), null);
        }
        return new Typed(ref, Kind.JSON);
    }

    /**
     * Where a walk along a path stopped: the alias and set of the last entity reached, its type
     * (the last type cast, or the set's type), the type checks that the casts on the way imply,
     * and the index of the first segment that is neither a navigation nor an entity type cast.
     */
    private record Walk(String alias, Catalog.Set set, EntityType type, List<Sql> conditions, int next) {
    }

    /**
     * Walks type casts and single-valued navigations from {@code current}, joining each navigation
     * once per scope. A type cast to a derived entity type adds the check that the entity reached so
     * far is of that type; a cast inside a complex property is left to the property path.
     */
    private Walk walk(Scope current, List<String> segments, Expr p) {
        EntityType type = current.set.entityType();
        String joinAlias = current.alias;
        Catalog.Set set = current.set;
        List<Sql> conditions = new ArrayList<>();
        String prefix = "";
        int i = 0;
        while (i < segments.size()) {
            String segment = segments.get(i);
            if (segment.indexOf('.') > 0) {
                EntityType derived = entityCast(set, type, segment, p);
                if (derived == null) {
                    break;
                }
                if (!derived.qualifiedName().equals(type.qualifiedName())) {
                    conditions.add(typeIn(rows.info(set), joinAlias, derived.qualifiedName(), p));
                    type = derived;
                }
                prefix += "/" + segment;
                i++;
                continue;
            }
            NavigationProperty nav = navigation(set, type, segment);
            if (nav == null) {
                break;
            }
            if (nav.collection()) {
                throw bad(p, "steps into the collection '" + segment + "'; use any(), all() or $count");
            }
            Relationship rel = catalog.relationship(set, nav.name());
            Catalog.Set target = catalog.require(rel.targetSet());
            prefix += "/" + segment;
            String key = current.alias + prefix;
            String alias = current.joins.get(key);
            if (alias == null) {
                alias = "j" + aliases++;
                current.joins.put(key, alias);
                current.joinSql.add("LEFT JOIN " + Ddl.quote(target.table().table()) + " " + alias + " ON "
                        + joinCondition(rel, joinAlias, alias));
            }
            joinAlias = alias;
            set = target;
            type = target.entityType();
            i++;
        }
        return new Walk(joinAlias, set, type, conditions, i);
    }

    /**
     * The entity type a type cast segment names, when it is the current type or derived from it;
     * null when it names no entity type (a cast inside a complex property).
     */
    private static EntityType entityCast(Catalog.Set set, EntityType current, String segment, Expr where) {
        QualifiedName name;
        try {
            name = QualifiedName.parse(segment);
        } catch (IllegalArgumentException e) {
            throw bad(where, "has a segment '" + segment + "' that is not a qualified type name");
        }
        EntityType derived = set.model().entityType(name).orElse(null);
        if (derived == null) {
            return null;
        }
        boolean derivedFromCurrent = set.model().hierarchy(derived).stream()
                .anyMatch(t -> t.qualifiedName().equals(current.qualifiedName()));
        if (!derivedFromCurrent) {
            throw bad(where, "casts " + current.qualifiedName() + " to " + name + ", which is not derived from it");
        }
        return derived;
    }

    /** The value only where every condition holds, else null (a cast to a type the entity does not have). */
    private static Sql onlyIf(List<Sql> conditions, Sql value) {
        if (conditions.isEmpty()) {
            return value;
        }
        return Sql.join(" AND ", conditions).wrap("(CASE WHEN ", " THEN ").then("", value).wrap("", " END)");
    }

    private static NavigationProperty navigation(Catalog.Set set, EntityType type, String name) {
        return set.model().navigationProperty(type, name).orElseGet(() -> {
            for (StructuredType d : set.model().derivedTypes(type)) {
                var n = set.model().navigationProperty(d, name);
                if (n.isPresent()) {
                    return n.get();
                }
            }
            return null;
        });
    }

    /** The join condition from the source alias to the target alias. */
    private static String joinCondition(Relationship rel, String source, String target) {
        return switch (rel.storage()) {
            case REFERENCE -> target + ".\"$lid\" = " + source + "." + Ddl.quote(rel.column());
            case REVERSE_REFERENCE -> target + "." + Ddl.quote(rel.column()) + " = " + source + ".\"$lid\"";
            case LINK_TABLE -> target + ".\"$lid\" IN (SELECT " + Ddl.quote(rel.otherColumn()) + " FROM "
                    + Ddl.quote(rel.table()) + " WHERE " + Ddl.quote(rel.column()) + " = " + source + ".\"$lid\")";
        };
    }

    /** A new scope over the entities a navigation path leads to, correlated with {@code scope}. */
    private record Related(Scope scope, Sql correlation) {
    }

    /**
     * The entities the path leads to: single-valued navigations and type casts, then a last
     * navigation (usually collection-valued), then optionally a type cast that keeps only the
     * related entities of that derived type. Null when the path ends in a primitive or complex
     * collection instead.
     */
    private Related related(Scope scope, Expr.Path path, Expr where) {
        Scope start = path.variable() != null ? scope.variables.get(path.variable()) : scope;
        if (start == null) {
            throw bad(where, "uses the lambda variable '" + path.variable() + "' outside its lambda");
        }
        List<String> all = path.segments();
        int last = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).indexOf('.') < 0) {
                last = i;
            }
        }
        if (last < 0 || start.json) {
            throw bad(where, "needs a navigation path");
        }
        // all before the last name are single-valued navigations and casts, joined in the outer scope
        Walk w = walk(start, all.subList(0, last), where);
        String name = all.get(last);
        NavigationProperty nav = w.next() == last ? navigation(w.set(), w.type(), name) : null;
        if (nav == null) {
            TableInfo info = rows.info(w.set());
            List<String> propertyPath = new ArrayList<>();
            for (String s : all.subList(w.next(), last + 1)) {
                if (s.indexOf('.') < 0) {
                    propertyPath.add(s);
                }
            }
            Column c = info.byPath.get(propertyPath);
            if (c != null && c.collection()) {
                return null; // a primitive or complex collection, not a navigation
            }
            throw bad(where, "'" + name + "' is not a navigation property of " + w.type().qualifiedName().name());
        }
        Relationship rel = catalog.relationship(w.set(), nav.name());
        Catalog.Set target = catalog.require(rel.targetSet());
        Map<String, Scope> variables = new LinkedHashMap<>(scope.variables);
        Scope inner = new Scope("t" + aliases++, target, variables);
        List<Sql> correlation = new ArrayList<>();
        correlation.add(Sql.of(joinCondition(rel, w.alias(), inner.alias)));
        correlation.addAll(w.conditions());
        EntityType targetType = target.entityType();
        for (String cast : all.subList(last + 1, all.size())) {
            EntityType derived = entityCast(target, targetType, cast, where);
            if (derived == null) {
                throw bad(where, "casts the related entities to '" + cast + "', which is not an entity type");
            }
            if (!derived.qualifiedName().equals(targetType.qualifiedName())) {
                correlation.add(typeIn(inner.info, inner.alias, derived.qualifiedName(), where));
                targetType = derived;
            }
        }
        return new Related(inner, Sql.join(" AND ", correlation));
    }

    private Scope navigationScope(Expr.Path p, Scope scope, Expr where) {
        Related r = related(scope, p, where);
        if (r == null) {
            throw bad(where, "needs a navigation path");
        }
        return r.scope();
    }

    private Typed lambda(Expr.Lambda l, Scope scope) {
        Related r = related(scope, l.collection(), l);
        if (r == null) {
            return jsonLambda(l, scope);
        }
        Scope inner = r.scope();
        if (l.variable() != null) {
            inner.variables.put(l.variable(), inner);
        }
        if (l.predicate() == null) {
            return new Typed(r.correlation().wrap("EXISTS (SELECT 1 FROM " + Ddl.quote(inner.info.table.table()) + " "
                    + inner.alias + " WHERE ", ")"), Kind.PREDICATE);
        }
        Sql predicate = predicate(l.predicate(), inner);
        Sql from = new Sql(inner.from(), List.of());
        if (l.operator() == Expr.LambdaOperator.ANY) {
            return new Typed(Sql.of("EXISTS (SELECT 1 FROM ").then("", from).then(" WHERE ", r.correlation())
                    .then(" AND ", predicate).wrap("", ")"), Kind.PREDICATE);
        }
        // all: no related entity for which the predicate is not true (true for an empty collection)
        return new Typed(Sql.of("NOT EXISTS (SELECT 1 FROM ").then("", from).then(" WHERE ", r.correlation())
                .then(" AND (", predicate).wrap("", ") IS NOT 1)"), Kind.PREDICATE);
    }

    private Typed jsonLambda(Expr.Lambda l, Scope scope) {
        Typed collection = path(l.collection(), scope);
        TableInfo info = (l.collection().variable() == null ? scope : scope.variables.get(l.collection().variable())).info;
        List<String> path = new ArrayList<>(l.collection().segments());
        ValueType vt = info == null ? null : info.types.get(path);
        ValueType element = vt instanceof ValueType.Collection c ? c.element() : new ValueType.Untyped();
        String alias = "e" + aliases++;
        Map<String, Scope> variables = new LinkedHashMap<>(scope.variables);
        Scope inner = new Scope(alias, element, variables);
        if (l.predicate() == null) {
            return new Typed(collection.sql().wrap("(json_array_length(", ") > 0)"), Kind.PREDICATE);
        }
        variables.put(l.variable(), inner);
        Sql predicate = predicate(l.predicate(), inner);
        if (l.operator() == Expr.LambdaOperator.ANY) {
            return new Typed(collection.sql().wrap("EXISTS (SELECT 1 FROM json_each(", ") " + alias + " WHERE ")
                    .then("", predicate).wrap("", ")"), Kind.PREDICATE);
        }
        return new Typed(collection.sql().wrap("NOT EXISTS (SELECT 1 FROM json_each(", ") " + alias + " WHERE (")
                .then("", predicate).wrap("", ") IS NOT 1)"), Kind.PREDICATE);
    }

    private Typed jsonElement(Scope element, List<String> segments, Expr where) {
        String value = element.alias + ".value";
        ValueType type = element.jsonElement;
        if (!segments.isEmpty()) {
            if (!(type instanceof ValueType.Complex c)) {
                throw bad(where, "steps into an element that has no properties");
            }
            value = "json_extract(" + element.alias + ".value, ?)";
            StringBuilder jsonPath = new StringBuilder("$");
            for (String s : segments) {
                jsonPath.append('.').append(s);
            }
            var p = catalog.model().property(c.type(), segments.get(0));
            ValueType sub = p.isPresent() ? ValueType.of(catalog.model(), p.get().type()) : new ValueType.Untyped();
            return elementTyped(Sql.of(value, jsonPath.toString()), sub);
        }
        return elementTyped(Sql.of(value), type);
    }

    private static Typed elementTyped(Sql sql, ValueType type) {
        if (type instanceof ValueType.Primitive p) {
            Kind k = kindOf(p.type());
            return new Typed(sql, k == Kind.DECIMAL ? Kind.FLOAT : k == Kind.BOOLEAN ? Kind.BOOLEAN : k);
        }
        if (type instanceof ValueType.Enumeration) {
            return new Typed(sql, Kind.STRING); // collections keep enum member names
        }
        return new Typed(sql, Kind.JSON);
    }

    private Typed count(Expr.Path p, Scope scope, List<String> collection) {
        Expr.Path path = new Expr.Path(p.variable(), collection);
        Related r = related(scope, path, p);
        if (r == null) {
            Typed c = path(path, scope);
            return new Typed(c.sql().wrap("coalesce(json_array_length(", "), 0)"), Kind.INTEGER);
        }
        return new Typed(r.correlation().wrap("(SELECT count(*) FROM " + Ddl.quote(r.scope().info.table.table()) + " "
                + r.scope().alias + " WHERE ", ")"), Kind.INTEGER);
    }

    /**
     * Whether an entity exists along a navigation path (each step single- or collection-valued),
     * optionally one that satisfies {@code extra} in its own scope.
     */
    Sql exists(Expr.Path path, Scope scope, java.util.function.Function<Scope, Sql> extra, Expr where) {
        // the first step: casts, one navigation, and the casts that restrict its entities
        List<String> segments = path.segments();
        int step = 0;
        while (step < segments.size() && segments.get(step).indexOf('.') > 0) {
            step++;
        }
        step++;
        while (step < segments.size() && segments.get(step).indexOf('.') > 0) {
            step++;
        }
        step = Math.min(step, segments.size());
        Related r = related(scope, new Expr.Path(path.variable(), segments.subList(0, step)), where);
        if (r == null) {
            throw bad(where, "needs a navigation path");
        }
        Sql inner = r.correlation();
        if (step < segments.size()) {
            inner = inner.then(" AND ", exists(new Expr.Path(null, segments.subList(step, segments.size())),
                    r.scope(), extra, where));
        } else if (extra != null) {
            inner = inner.then(" AND ", extra.apply(r.scope()));
        }
        return inner.wrap("EXISTS (SELECT 1 FROM " + Ddl.quote(r.scope().info.table.table()) + " " + r.scope().alias
                + " WHERE ", ")");
    }
}
