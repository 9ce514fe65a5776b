package dev.outpost.query;

import java.util.Objects;

/**
 * One {@code $expand} item: a navigation path and the options that apply to the related
 * entities ({@code $select}, {@code $filter}, {@code $orderby}, {@code $top}, {@code $skip},
 * {@code $count}, nested {@code $expand}).
 *
 * @param navigation the navigation path (possibly with type casts)
 * @param options the nested options; a query without a resource
 */
public record Expand(Expr.Path navigation, DataQuery options) {

    public Expand {
        Objects.requireNonNull(navigation, "navigation");
        Objects.requireNonNull(options, "options");
    }
}
