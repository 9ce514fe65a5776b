package dev.outpost.query;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;

/**
 * Names lambda variables while a lambda's body is built: the first letter of the collection's
 * name, with a number when an enclosing lambda already uses that letter. Deterministic, so the
 * same query always renders the same URL.
 */
final class Lambdas {

    private static final ThreadLocal<Deque<String>> ACTIVE = ThreadLocal.withInitial(ArrayDeque::new);

    private Lambdas() {
    }

    static Expr.Lambda build(Expr.LambdaOperator operator, Expr.Path collection,
                             Function<Expr.Path, BooleanExpression> body) {
        String last = "x";
        for (String segment : collection.segments()) {
            if (segment.indexOf('.') < 0) {
                last = segment; // the last property or navigation name, not a type cast
            }
        }
        char first = Character.toLowerCase(last.charAt(0));
        String base = Character.isLetter(first) ? String.valueOf(first) : "x";
        Deque<String> active = ACTIVE.get();
        String variable = base;
        for (int i = 1; active.contains(variable); i++) {
            variable = base + i;
        }
        active.push(variable);
        try {
            BooleanExpression predicate = body.apply(new Expr.Path(variable, java.util.List.of()));
            return new Expr.Lambda(operator, collection, variable, predicate.node());
        } finally {
            active.pop();
        }
    }
}
