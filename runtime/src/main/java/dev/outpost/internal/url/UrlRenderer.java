package dev.outpost.internal.url;

import dev.outpost.query.DataQuery;
import dev.outpost.query.Expand;
import dev.outpost.query.Expr;
import dev.outpost.query.OrderBy;
import dev.outpost.query.ResourcePath;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders the query AST as an OData URL relative to the service root, per the OData v4 URL
 * conventions: the resource path, then {@code $filter}, {@code $select}, {@code $expand},
 * {@code $orderby}, {@code $top}, {@code $skip}, {@code $count} and custom options, each value
 * percent-encoded. Parentheses are added exactly where operator precedence needs them.
 */
public final class UrlRenderer {

    private UrlRenderer() {
    }

    /** The whole URL of a query with a resource. */
    public static String url(DataQuery query) {
        if (query.resource() == null) {
            throw new IllegalStateException("a query without a resource has no URL; start it with DataQuery.from(...)");
        }
        String options = options(query);
        String path = resourcePath(query.resource());
        return options.isEmpty() ? path : path + "?" + options;
    }

    /** The resource path, for example {@code Tasks(WorkOrderId=1,LineNo=2)/WorkOrder}. */
    public static String resourcePath(ResourcePath path) {
        StringBuilder s = new StringBuilder();
        for (ResourcePath.Segment segment : path.segments()) {
            if (segment instanceof ResourcePath.Named n) {
                if (s.length() > 0) {
                    s.append('/');
                }
                s.append(UrlEncoding.pathSegment(n.name()));
            } else if (segment instanceof ResourcePath.Key k) {
                s.append(UrlEncoding.pathSegment(keyPredicate(k)));
            } else if (segment instanceof ResourcePath.Cast c) {
                s.append('/').append(c.type());
            } else {
                s.append("/$count");
            }
        }
        return s.toString();
    }

    /** A key predicate: {@code (42)} or {@code (WorkOrderId=1,LineNo=2)}. */
    public static String keyPredicate(ResourcePath.Key key) {
        List<String> parts = new ArrayList<>();
        for (ResourcePath.KeyPart p : key.parts()) {
            String value = LiteralFormat.format(p.value());
            parts.add(p.name() == null ? value : p.name() + "=" + value);
        }
        return "(" + String.join(",", parts) + ")";
    }

    /** The query options joined by {@code &}, each value percent-encoded. */
    public static String options(DataQuery q) {
        List<String> parts = new ArrayList<>();
        if (q.filter() != null) {
            parts.add("$filter=" + UrlEncoding.queryValue(expression(q.filter())));
        }
        if (!q.select().isEmpty()) {
            parts.add("$select=" + UrlEncoding.queryValue(select(q.select())));
        }
        if (!q.expand().isEmpty()) {
            parts.add("$expand=" + UrlEncoding.queryValue(expand(q.expand())));
        }
        if (!q.orderBy().isEmpty()) {
            parts.add("$orderby=" + UrlEncoding.queryValue(orderBy(q.orderBy())));
        }
        if (q.top() != null) {
            parts.add("$top=" + q.top());
        }
        if (q.skip() != null) {
            parts.add("$skip=" + q.skip());
        }
        if (q.count()) {
            parts.add("$count=true");
        }
        if (q.skipToken() != null) {
            parts.add("$skiptoken=" + UrlEncoding.queryValue(q.skipToken()));
        }
        for (Map.Entry<String, String> custom : q.customOptions().entrySet()) {
            parts.add(UrlEncoding.queryValue(custom.getKey()) + "=" + UrlEncoding.queryValue(custom.getValue()));
        }
        return String.join("&", parts);
    }

    private static String select(List<Expr.Path> paths) {
        List<String> items = new ArrayList<>();
        for (Expr.Path p : paths) {
            items.add(path(p));
        }
        return String.join(",", items);
    }

    private static String orderBy(List<OrderBy> items) {
        List<String> out = new ArrayList<>();
        for (OrderBy o : items) {
            out.add(expression(o.expression()) + (o.descending() ? " desc" : ""));
        }
        return String.join(",", out);
    }

    private static String expand(List<Expand> items) {
        List<String> out = new ArrayList<>();
        for (Expand e : items) {
            String nested = nestedOptions(e.options());
            out.add(path(e.navigation()) + (nested.isEmpty() ? "" : "(" + nested + ")"));
        }
        return String.join(",", out);
    }

    /** Options inside an {@code $expand} item, separated by {@code ;}, not yet percent-encoded. */
    private static String nestedOptions(DataQuery q) {
        List<String> parts = new ArrayList<>();
        if (q.filter() != null) {
            parts.add("$filter=" + expression(q.filter()));
        }
        if (!q.select().isEmpty()) {
            parts.add("$select=" + select(q.select()));
        }
        if (!q.expand().isEmpty()) {
            parts.add("$expand=" + expand(q.expand()));
        }
        if (!q.orderBy().isEmpty()) {
            parts.add("$orderby=" + orderBy(q.orderBy()));
        }
        if (q.top() != null) {
            parts.add("$top=" + q.top());
        }
        if (q.skip() != null) {
            parts.add("$skip=" + q.skip());
        }
        if (q.count()) {
            parts.add("$count=true");
        }
        return String.join(";", parts);
    }

    /** An expression in URL syntax, not percent-encoded. */
    public static String expression(Expr e) {
        StringBuilder s = new StringBuilder();
        write(e, s);
        return s.toString();
    }

    private static String path(Expr.Path p) {
        StringBuilder s = new StringBuilder();
        if (p.variable() != null) {
            s.append(p.variable());
        }
        for (String segment : p.segments()) {
            if (s.length() > 0) {
                s.append('/');
            }
            s.append(segment);
        }
        return s.toString();
    }

    // Precedence, highest binds tightest: primary 8, unary 7, multiplicative 6, additive 5,
    // relational (lt le gt ge has in isof) 4, equality 3, and 2, or 1.
    private static int precedence(Expr e) {
        if (e instanceof Expr.Binary b) {
            return switch (b.operator()) {
                case OR -> 1;
                case AND -> 2;
                case EQ, NE -> 3;
                case LT, LE, GT, GE, HAS -> 4;
                case ADD, SUB -> 5;
                case MUL, DIV, DIVBY, MOD -> 6;
            };
        }
        if (e instanceof Expr.In) {
            return 4;
        }
        if (e instanceof Expr.Unary) {
            return 7;
        }
        return 8;
    }

    private static void write(Expr e, StringBuilder s) {
        if (e instanceof Expr.Literal l) {
            s.append(LiteralFormat.format(l));
        } else if (e instanceof Expr.EnumLiteral l) {
            s.append(LiteralFormat.format(l));
        } else if (e instanceof Expr.Path p) {
            s.append(path(p));
        } else if (e instanceof Expr.Binary b) {
            int p = precedence(b);
            operand(b.left(), p, false, s);
            s.append(' ').append(b.operator().odata()).append(' ');
            operand(b.right(), p, true, s);
        } else if (e instanceof Expr.Unary u) {
            s.append(u.operator() == Expr.UnaryOperator.NOT ? "not " : "-");
            operand(u.operand(), precedence(u), true, s);
        } else if (e instanceof Expr.Call c) {
            s.append(c.function()).append('(');
            for (int i = 0; i < c.arguments().size(); i++) {
                if (i > 0) {
                    s.append(',');
                }
                write(c.arguments().get(i), s);
            }
            s.append(')');
        } else if (e instanceof Expr.Lambda l) {
            s.append(path(l.collection())).append('/').append(l.operator() == Expr.LambdaOperator.ANY ? "any" : "all")
                    .append('(');
            if (l.variable() != null) {
                s.append(l.variable()).append(':');
                write(l.predicate(), s);
            }
            s.append(')');
        } else if (e instanceof Expr.In in) {
            operand(in.left(), 4, false, s);
            s.append(" in (");
            for (int i = 0; i < in.values().size(); i++) {
                if (i > 0) {
                    s.append(',');
                }
                write(in.values().get(i), s);
            }
            s.append(')');
        } else if (e instanceof Expr.TypeCheck t) {
            s.append(t.operator() == Expr.TypeOperator.ISOF ? "isof(" : "cast(");
            if (t.target() != null) {
                write(t.target(), s);
                s.append(',');
            }
            s.append(t.type()).append(')');
        }
    }

    /**
     * Writes an operand, in parentheses when it binds less tightly than its parent, or equally
     * tightly on the right (operators associate to the left).
     */
    private static void operand(Expr child, int parentPrecedence, boolean right, StringBuilder s) {
        int p = precedence(child);
        boolean parens = p < parentPrecedence || (right && p == parentPrecedence && p < 7);
        if (parens) {
            s.append('(');
        }
        write(child, s);
        if (parens) {
            s.append(')');
        }
    }
}
