package dev.outpost.query;

import dev.outpost.model.PrimitiveType;
import dev.outpost.model.QualifiedName;

import java.util.List;
import java.util.Objects;

/**
 * A node of the query AST: the one tree that both the typed DSL and parsed URL strings build,
 * and that both renderers read (an OData URL for the back end, SQL for the offline store).
 * Nodes are immutable values; equal queries have equal trees.
 */
public sealed interface Expr {

    /**
     * A primitive literal. {@code type} is null only for the {@code null} literal.
     *
     * @param type the Edm type of the value
     * @param value the Java value (see {@link Literals} for the mapping), or null
     */
    record Literal(PrimitiveType type, Object value) implements Expr {
        @Override
        public boolean equals(Object o) {
            return o instanceof Literal l && Objects.equals(type, l.type)
                    && java.util.Objects.deepEquals(value, l.value);
        }

        @Override
        public int hashCode() {
            return Objects.hash(type, value instanceof byte[] b ? java.util.Arrays.hashCode(b) : value);
        }
    }

    /**
     * An enum literal {@code Namespace.Type'Member'}; flags combine members ({@code 'A,B'}).
     *
     * @param enumType the enum type
     * @param members the member names
     */
    record EnumLiteral(QualifiedName enumType, List<String> members) implements Expr {
        public EnumLiteral {
            Objects.requireNonNull(enumType, "enumType");
            members = List.copyOf(members);
        }
    }

    /**
     * A path of property, navigation and type-cast segments, such as {@code Customer/Name} or
     * {@code Tasks/$count}, starting at the queried entity or at a lambda variable.
     *
     * @param variable the lambda variable the path starts at, or null for the current entity
     * @param segments property and navigation names, qualified type names for casts, {@code $count}
     */
    record Path(String variable, List<String> segments) implements Expr {
        public Path {
            segments = List.copyOf(segments);
        }

        /** A path from the current entity. */
        public static Path of(String... segments) {
            return new Path(null, List.of(segments));
        }

        /** This path extended by more segments. */
        public Path then(List<String> more) {
            java.util.ArrayList<String> all = new java.util.ArrayList<>(segments);
            all.addAll(more);
            return new Path(variable, all);
        }

        /** This path re-rooted: {@code prefix} put in front of it, keeping the prefix's variable. */
        public Path under(Path prefix) {
            return prefix.then(segments);
        }
    }

    /** Binary operators, in OData's spelling. */
    enum BinaryOperator {
        EQ("eq"), NE("ne"), LT("lt"), LE("le"), GT("gt"), GE("ge"), AND("and"), OR("or"),
        ADD("add"), SUB("sub"), MUL("mul"), DIV("div"), DIVBY("divby"), MOD("mod"), HAS("has");

        private final String odata;

        BinaryOperator(String odata) {
            this.odata = odata;
        }

        /** The operator as written in {@code $filter}. */
        public String odata() {
            return odata;
        }
    }

    /** {@code left op right}. */
    record Binary(BinaryOperator operator, Expr left, Expr right) implements Expr {
    }

    /** Unary operators. */
    enum UnaryOperator { NOT, NEGATE }

    /** {@code not operand} or {@code -operand}. */
    record Unary(UnaryOperator operator, Expr operand) implements Expr {
    }

    /**
     * A function call: a canonical OData function such as {@code contains} or {@code year}, or
     * one of the offline store's functions ({@link FunctionName}).
     */
    record Call(String function, List<Expr> arguments) implements Expr {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /** The lambda operators. */
    enum LambdaOperator { ANY, ALL }

    /**
     * {@code collection/any(v:predicate)} or {@code collection/all(v:predicate)}; an {@code any}
     * without a predicate ({@code collection/any()}) has a null variable and predicate.
     */
    record Lambda(LambdaOperator operator, Path collection, String variable, Expr predicate) implements Expr {
    }

    /** {@code left in (v1, v2, ...)}. */
    record In(Expr left, List<Expr> values) implements Expr {
        public In {
            values = List.copyOf(values);
        }
    }

    /** Type checks and casts. */
    enum TypeOperator { ISOF, CAST }

    /**
     * {@code isof(target, Type)} or {@code cast(target, Type)}; a null target means the current entity.
     */
    record TypeCheck(TypeOperator operator, Expr target, QualifiedName type) implements Expr {
    }
}
