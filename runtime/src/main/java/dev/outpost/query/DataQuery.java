package dev.outpost.query;

import dev.outpost.internal.url.UrlRenderer;
import dev.outpost.model.QualifiedName;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A query: what to read (an entity set, an entity by key, a navigation) and the system query
 * options. Immutable: every method returns a new query. The same query renders to an OData URL
 * ({@link #toUrl()}) for the back end and defining queries, and runs on the offline store.
 *
 * <pre>{@code
 * DataQuery open = DataQuery.from("WorkOrders")
 *     .filter(WorkOrder.STATUS.eq(WorkOrderStatus.NEW).and(WorkOrder.TASKS.any(t -> t.path(Task.DONE).eq(false))))
 *     .expand(WorkOrder.CUSTOMER, q -> q.select(Customer.NAME))
 *     .orderBy(WorkOrder.DUE_DATE.asc())
 *     .top(20);
 * }</pre>
 */
public final class DataQuery {

    private static final DataQuery EMPTY_OPTIONS = new DataQuery(null, null, List.of(), List.of(), List.of(), null, null,
            false, Map.of(), null, null);

    private final ResourcePath resource;
    private final Expr filter;
    private final List<Expr.Path> select;
    private final List<Expand> expand;
    private final List<OrderBy> orderBy;
    private final Integer top;
    private final Integer skip;
    private final boolean count;
    private final Map<String, String> customOptions;
    private final Integer maxPageSize;
    private final String skipToken;

    private DataQuery(ResourcePath resource, Expr filter, List<Expr.Path> select, List<Expand> expand,
                      List<OrderBy> orderBy, Integer top, Integer skip, boolean count,
                      Map<String, String> customOptions, Integer maxPageSize, String skipToken) {
        this.resource = resource;
        this.filter = filter;
        this.select = List.copyOf(select);
        this.expand = List.copyOf(expand);
        this.orderBy = List.copyOf(orderBy);
        this.top = top;
        this.skip = skip;
        this.count = count;
        this.customOptions = Collections.unmodifiableMap(new LinkedHashMap<>(customOptions));
        this.maxPageSize = maxPageSize;
        this.skipToken = skipToken;
    }

    /** A query of an entity set or singleton. */
    public static DataQuery from(String entitySetOrSingleton) {
        return EMPTY_OPTIONS.withResource(ResourcePath.of(entitySetOrSingleton));
    }

    /** A query of an explicit resource path. */
    public static DataQuery from(ResourcePath resource) {
        return EMPTY_OPTIONS.withResource(Objects.requireNonNull(resource, "resource"));
    }

    /**
     * Parses an OData URL relative to the service root, for example
     * {@code WorkOrders?$filter=Tasks/any(t:t/Done eq false)&$expand=Customer}; readLinks parse too.
     *
     * @throws dev.outpost.DataRequestException (400) naming what is wrong and where
     */
    public static DataQuery parse(String url) {
        return dev.outpost.internal.url.UrlParser.parse(url);
    }

    /** Options without a resource: the options of an {@code $expand} item. */
    public static DataQuery options() {
        return EMPTY_OPTIONS;
    }

    private DataQuery withResource(ResourcePath r) {
        return new DataQuery(r, filter, select, expand, orderBy, top, skip, count, customOptions, maxPageSize, skipToken);
    }

    /**
     * This query addressed to an entity set: options-only queries ({@link #options()}) get the
     * set as their resource; a query already addressed to the set is returned as is.
     *
     * @throws IllegalArgumentException if the query addresses another entity set
     */
    public DataQuery onEntitySet(String entitySet) {
        if (resource == null) {
            return withResource(ResourcePath.of(entitySet));
        }
        if (!resource.root().equals(entitySet)) {
            throw new IllegalArgumentException("the query addresses '" + resource.root() + "', not the entity set '"
                    + entitySet + "'; pass DataQuery.options() or a query of " + entitySet);
        }
        return this;
    }

    private ResourcePath requireResource(String what) {
        if (resource == null) {
            throw new IllegalStateException(what + " needs a resource; start the query with DataQuery.from(...)");
        }
        return resource;
    }

    /** The entity with this key: a single key value ({@code Long}, {@code String}, {@code UUID}, ...). */
    public DataQuery withKey(Object value) {
        return withResource(requireResource("withKey").then(
                new ResourcePath.Key(List.of(new ResourcePath.KeyPart(null, Literals.infer(value))))));
    }

    /** The entity with this composite key, parts in key order. */
    public DataQuery withKey(Map<String, ?> parts) {
        List<ResourcePath.KeyPart> list = new ArrayList<>();
        parts.forEach((name, value) -> list.add(new ResourcePath.KeyPart(name, Literals.infer(value))));
        return withResource(requireResource("withKey").then(new ResourcePath.Key(list)));
    }

    /** Follows a navigation property from the addressed entity. */
    public DataQuery navigate(String navigation) {
        return withResource(requireResource("navigate").then(new ResourcePath.Named(navigation)));
    }

    /** Follows a navigation property from the addressed entity. */
    public DataQuery navigate(Expression navigation) {
        return navigate(Properties.name(navigation));
    }

    /** Restricts the addressed entities to a derived type. */
    public DataQuery ofType(QualifiedName derivedType) {
        return withResource(requireResource("ofType").then(new ResourcePath.Cast(derivedType)));
    }

    /** Counts the addressed entities instead of reading them ({@code /$count}). */
    public DataQuery countOnly() {
        return withResource(requireResource("countOnly").then(new ResourcePath.Count()));
    }

    /** Adds a filter; several filters combine with {@code and}. */
    public DataQuery filter(BooleanExpression condition) {
        Expr f = filter == null ? condition.node()
                : new Expr.Binary(Expr.BinaryOperator.AND, filter, condition.node());
        return new DataQuery(resource, f, select, expand, orderBy, top, skip, count, customOptions, maxPageSize, skipToken);
    }

    /** Selects properties ({@code $select}); unselected properties stay absent in results. */
    public DataQuery select(Expression... properties) {
        List<Expr.Path> all = new ArrayList<>(select);
        for (Expression p : properties) {
            if (!(p.node() instanceof Expr.Path path)) {
                throw new IllegalArgumentException("$select takes property paths, not " + p);
            }
            all.add(path);
        }
        return new DataQuery(resource, filter, all, expand, orderBy, top, skip, count, customOptions, maxPageSize, skipToken);
    }

    /** Expands a navigation property with all its properties. */
    public DataQuery expand(Expression navigation) {
        return expand(navigation, UnaryOperator.identity());
    }

    /** Expands a navigation property with nested options: {@code expand(WorkOrder.TASKS, q -> q.top(5))}. */
    public DataQuery expand(Expression navigation, UnaryOperator<DataQuery> options) {
        if (!(navigation.node() instanceof Expr.Path path)) {
            throw new IllegalArgumentException("$expand takes navigation paths, not " + navigation);
        }
        List<Expand> all = new ArrayList<>(expand);
        all.add(new Expand(path, options.apply(EMPTY_OPTIONS)));
        return new DataQuery(resource, filter, select, all, orderBy, top, skip, count, customOptions, maxPageSize, skipToken);
    }

    /** Adds sort items ({@code $orderby}). */
    public DataQuery orderBy(OrderBy... items) {
        List<OrderBy> all = new ArrayList<>(orderBy);
        all.addAll(List.of(items));
        return new DataQuery(resource, filter, select, expand, all, top, skip, count, customOptions, maxPageSize, skipToken);
    }

    /** Returns at most {@code n} entities ({@code $top}). */
    public DataQuery top(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("$top must not be negative: " + n);
        }
        return new DataQuery(resource, filter, select, expand, orderBy, n, skip, count, customOptions, maxPageSize, skipToken);
    }

    /** Skips the first {@code n} entities ({@code $skip}). */
    public DataQuery skip(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("$skip must not be negative: " + n);
        }
        return new DataQuery(resource, filter, select, expand, orderBy, top, n, count, customOptions, maxPageSize, skipToken);
    }

    /** Asks for the total count along with the entities ({@code $count=true}). */
    public DataQuery withCount() {
        return new DataQuery(resource, filter, select, expand, orderBy, top, skip, true, customOptions, maxPageSize, skipToken);
    }

    /** Adds a custom query option, such as {@code sap-client=100}. */
    public DataQuery custom(String name, String value) {
        if (name.startsWith("$")) {
            throw new IllegalArgumentException("'" + name + "' is a system query option; use its own method");
        }
        Map<String, String> all = new LinkedHashMap<>(customOptions);
        all.put(name, value);
        return new DataQuery(resource, filter, select, expand, orderBy, top, skip, count, all, maxPageSize, skipToken);
    }

    /** Computes {@link dev.outpost.EntityValue#hasLocalRelatives()} over these navigation paths (offline store). */
    public DataQuery computeHasLocalRelatives(Expression... navigations) {
        return custom(CUSTOM_HAS_LOCAL_RELATIVES, paths(navigations));
    }

    /** Computes {@link dev.outpost.EntityValue#hasRelativesWithPendingChanges()} over these navigation paths. */
    public DataQuery computeHasRelativesWithPendingChanges(Expression... navigations) {
        return custom(CUSTOM_HAS_RELATIVES_WITH_PENDING_CHANGES, paths(navigations));
    }

    /** The custom option that asks for {@code hasLocalRelatives}. */
    public static final String CUSTOM_HAS_LOCAL_RELATIVES = "sap.computeHasLocalRelatives";
    /** The custom option that asks for {@code hasRelativesWithPendingChanges}. */
    public static final String CUSTOM_HAS_RELATIVES_WITH_PENDING_CHANGES = "sap.computeHasRelativesWithPendingChanges";

    private static String paths(Expression[] navigations) {
        List<String> list = new ArrayList<>();
        for (Expression n : navigations) {
            list.add(String.join("/", ((Expr.Path) n.node()).segments()));
        }
        return String.join(",", list);
    }

    /**
     * Asks for server-driven paging with at most {@code n} entities per page
     * ({@code Prefer: odata.maxpagesize=n}); results then carry a next link.
     */
    public DataQuery maxPageSize(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("odata.maxpagesize must be greater than 0: " + n);
        }
        return new DataQuery(resource, filter, select, expand, orderBy, top, skip, count, customOptions, n, skipToken);
    }

    /** Continues server-driven paging where a next link's {@code $skiptoken} points. */
    public DataQuery skipToken(String token) {
        return new DataQuery(resource, filter, select, expand, orderBy, top, skip, count, customOptions, maxPageSize, token);
    }

    /** The {@code $skiptoken} of a next link, or null. */
    public String skipToken() {
        return skipToken;
    }

    /** The resource, or null for {@code $expand} options. */
    public ResourcePath resource() {
        return resource;
    }

    /** The filter, or null. */
    public Expr filter() {
        return filter;
    }

    /** The selected property paths (empty: all). */
    public List<Expr.Path> select() {
        return select;
    }

    /** The expanded navigations. */
    public List<Expand> expand() {
        return expand;
    }

    /** The sort items. */
    public List<OrderBy> orderBy() {
        return orderBy;
    }

    /** {@code $top}, or null. */
    public Integer top() {
        return top;
    }

    /** {@code $skip}, or null. */
    public Integer skip() {
        return skip;
    }

    /** Whether {@code $count=true} is asked for. */
    public boolean count() {
        return count;
    }

    /** Custom query options in the order added. */
    public Map<String, String> customOptions() {
        return customOptions;
    }

    /** The requested page size, or null. */
    public Integer maxPageSize() {
        return maxPageSize;
    }

    /**
     * The OData URL of this query relative to the service root, percent-encoded per the OData URL
     * conventions, for example {@code WorkOrders?$filter=Priority%20lt%203&$top=20}.
     */
    public String toUrl() {
        return UrlRenderer.url(this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataQuery q && Objects.equals(resource, q.resource) && Objects.equals(filter, q.filter)
                && select.equals(q.select) && expand.equals(q.expand) && orderBy.equals(q.orderBy)
                && Objects.equals(top, q.top) && Objects.equals(skip, q.skip) && count == q.count
                && customOptions.equals(q.customOptions) && Objects.equals(maxPageSize, q.maxPageSize)
                && Objects.equals(skipToken, q.skipToken);
    }

    @Override
    public int hashCode() {
        return Objects.hash(resource, filter, select, expand, orderBy, top, skip, count, customOptions, maxPageSize,
                skipToken);
    }

    @Override
    public String toString() {
        return resource == null ? UrlRenderer.options(this) : toUrl();
    }
}
