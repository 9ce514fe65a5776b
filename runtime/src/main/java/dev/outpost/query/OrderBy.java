package dev.outpost.query;

import java.util.Objects;

/**
 * One {@code $orderby} item.
 *
 * @param expression what to sort by (a property path or any expression)
 * @param descending whether to sort descending
 */
public record OrderBy(Expr expression, boolean descending) {

    public OrderBy {
        Objects.requireNonNull(expression, "expression");
    }
}
