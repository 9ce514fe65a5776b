package dev.outpost;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How a store syncs with its back end: the service root, the defining queries, authentication,
 * transport limits and the upload algorithms that are off by default. Immutable.
 *
 * <pre>{@code
 * SyncOptions sync = SyncOptions.of(URI.create("https://example.com/odata/"))
 *         .definingQuery(DefiningQuery.of("customers", "Customers"))
 *         .definingQuery(DefiningQuery.of("orders", "WorkOrders?$filter=TechnicianId eq 7&$expand=Tasks"))
 *         .authentication(Authentication.bearer(tokens::current));
 * OfflineStore store = OfflineStore.open(StoreOptions.of(file, metadata).sync(sync));
 * }</pre>
 */
public final class SyncOptions {

    private final URI serviceRoot;
    private final List<DefiningQuery> definingQueries;
    private final Authentication authentication;
    private final SyncListener listener;
    private final Map<String, String> headers;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration readTimeout;
    private final int maxRetries;
    private final Duration maxBackoff;
    private final int pageSize;
    private final int requestsPerBatch;
    private final boolean repeatableRequests;
    private final boolean requestQueueOptimization;
    private final boolean undoLocalCreation;
    private final boolean transactionBuilder;

    private SyncOptions(URI serviceRoot, List<DefiningQuery> definingQueries, Authentication authentication,
                        SyncListener listener, Map<String, String> headers, Duration connectTimeout,
                        Duration requestTimeout, Duration readTimeout, int maxRetries, Duration maxBackoff, int pageSize,
                        int requestsPerBatch, boolean repeatableRequests, boolean requestQueueOptimization,
                        boolean undoLocalCreation, boolean transactionBuilder) {
        this.serviceRoot = serviceRoot;
        this.definingQueries = List.copyOf(definingQueries);
        this.authentication = authentication;
        this.listener = listener;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        this.connectTimeout = connectTimeout;
        this.requestTimeout = requestTimeout;
        this.readTimeout = readTimeout;
        this.maxRetries = maxRetries;
        this.maxBackoff = maxBackoff;
        this.pageSize = pageSize;
        this.requestsPerBatch = requestsPerBatch;
        this.repeatableRequests = repeatableRequests;
        this.requestQueueOptimization = requestQueueOptimization;
        this.undoLocalCreation = undoLocalCreation;
        this.transactionBuilder = transactionBuilder;
    }

    /**
     * Options for the service at this root (its URL up to and including the last {@code /} before
     * {@code $metadata}); a missing trailing slash is added.
     */
    public static SyncOptions of(URI serviceRoot) {
        Objects.requireNonNull(serviceRoot, "serviceRoot");
        String scheme = serviceRoot.getScheme() == null ? "" : serviceRoot.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || serviceRoot.getHost() == null) {
            throw new IllegalArgumentException("the service root must be an absolute http(s) URL, not '" + serviceRoot + "'");
        }
        if (serviceRoot.getRawQuery() != null || serviceRoot.getRawFragment() != null) {
            throw new IllegalArgumentException("the service root '" + serviceRoot + "' must not have a query or fragment;"
                    + " put query options into the defining queries");
        }
        String text = serviceRoot.toString();
        URI root = URI.create(text.endsWith("/") ? text : text + "/");
        return new SyncOptions(root, List.of(), Authentication.none(), new SyncListener() {
        }, Map.of(), Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(30), 5, Duration.ofSeconds(30),
                0, 1000, true, false, false, false);
    }

    /** Options for the service at this root URL. */
    public static SyncOptions of(String serviceRoot) {
        try {
            return of(new URI(serviceRoot));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("'" + serviceRoot + "' is not a valid URL: " + e.getReason(), e);
        }
    }

    private SyncOptions copy(List<DefiningQuery> queries, Authentication auth, SyncListener l, Map<String, String> h,
                             Duration connect, Duration request, Duration read, int retries, Duration backoff, int page,
                             int perBatch, boolean repeatable, boolean optimization, boolean undoCreation,
                             boolean builder) {
        return new SyncOptions(serviceRoot, queries, auth, l, h, connect, request, read, retries, backoff, page, perBatch,
                repeatable, optimization, undoCreation, builder);
    }

    /**
     * Adds a defining query; names must be unique. The store keeps its defining queries: opening it
     * with some replaces the kept ones (a changed query downloads afresh), opening it with none
     * keeps them.
     */
    public SyncOptions definingQuery(DefiningQuery query) {
        Objects.requireNonNull(query, "query");
        for (DefiningQuery q : definingQueries) {
            if (q.name().equals(query.name())) {
                throw new IllegalArgumentException("two defining queries are named '" + query.name() + "'");
            }
        }
        List<DefiningQuery> all = new ArrayList<>(definingQueries);
        all.add(query);
        return copy(all, authentication, listener, headers, connectTimeout, requestTimeout, readTimeout, maxRetries,
                maxBackoff, pageSize, requestsPerBatch, repeatableRequests, requestQueueOptimization, undoLocalCreation,
                transactionBuilder);
    }

    /** Adds a defining query {@code name = url}. */
    public SyncOptions definingQuery(String name, String url) {
        return definingQuery(DefiningQuery.of(name, url));
    }

    /** How requests authenticate (default none). */
    public SyncOptions authentication(Authentication auth) {
        return copy(definingQueries, Objects.requireNonNull(auth, "authentication"), listener, headers, connectTimeout,
                requestTimeout, readTimeout, maxRetries, maxBackoff, pageSize, requestsPerBatch, repeatableRequests,
                requestQueueOptimization, undoLocalCreation, transactionBuilder);
    }

    /** Who hears progress and failed requests. */
    public SyncOptions listener(SyncListener l) {
        return copy(definingQueries, authentication, Objects.requireNonNull(l, "listener"), headers, connectTimeout,
                requestTimeout, readTimeout, maxRetries, maxBackoff, pageSize, requestsPerBatch, repeatableRequests,
                requestQueueOptimization, undoLocalCreation, transactionBuilder);
    }

    /**
     * A header sent with every request (a client identifier, say). Credentials belong in
     * {@link #authentication(Authentication)}, which never stores them.
     */
    public SyncOptions header(String name, String value) {
        String lower = Objects.requireNonNull(name, "name").toLowerCase(Locale.ROOT);
        if (lower.equals("authorization") || lower.equals("cookie") || lower.equals("proxy-authorization")) {
            throw new IllegalArgumentException("'" + name + "' carries credentials; use authentication(...) instead");
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, Objects.requireNonNull(value, "value"));
        return copy(definingQueries, authentication, listener, all, connectTimeout, requestTimeout, readTimeout,
                maxRetries, maxBackoff, pageSize, requestsPerBatch, repeatableRequests, requestQueueOptimization,
                undoLocalCreation, transactionBuilder);
    }

    /**
     * Time limits: to connect (default 10 s), until a response's headers arrive (60 s), and
     * between two reads of a response body (30 s).
     */
    public SyncOptions timeouts(Duration connect, Duration request, Duration read) {
        return copy(definingQueries, authentication, listener, headers, positive(connect, "connect"),
                positive(request, "request"), positive(read, "read"), maxRetries, maxBackoff, pageSize, requestsPerBatch,
                repeatableRequests, requestQueueOptimization, undoLocalCreation, transactionBuilder);
    }

    /**
     * Retries of requests that failed before the back end processed them (connection refused,
     * 503, 429, 502, 504): at most {@code retries} (default 5), waiting as {@code Retry-After} says
     * or with exponential backoff, but never longer than {@code maxWait} (default 30 s).
     */
    public SyncOptions retries(int retries, Duration maxWait) {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must not be negative: " + retries);
        }
        return copy(definingQueries, authentication, listener, headers, connectTimeout, requestTimeout, readTimeout,
                retries, positive(maxWait, "maxWait"), pageSize, requestsPerBatch, repeatableRequests,
                requestQueueOptimization, undoLocalCreation, transactionBuilder);
    }

    /** Asks the back end for pages of at most this many entities ({@code odata.maxpagesize}); 0 = its default. */
    public SyncOptions pageSize(int entities) {
        if (entities < 0) {
            throw new IllegalArgumentException("the page size must not be negative: " + entities);
        }
        return copy(definingQueries, authentication, listener, headers, connectTimeout, requestTimeout, readTimeout,
                maxRetries, maxBackoff, entities, requestsPerBatch, repeatableRequests, requestQueueOptimization,
                undoLocalCreation, transactionBuilder);
    }

    /** The most requests one {@code $batch} carries (default 1000). */
    public SyncOptions requestsPerBatch(int requests) {
        if (requests < 1) {
            throw new IllegalArgumentException("a batch carries at least one request, not " + requests);
        }
        return copy(definingQueries, authentication, listener, headers, connectTimeout, requestTimeout, readTimeout,
                maxRetries, maxBackoff, pageSize, requests, repeatableRequests, requestQueueOptimization,
                undoLocalCreation, transactionBuilder);
    }

    /**
     * Whether requests carry {@code Repeatability-Request-ID}/{@code -First-Sent} (default on).
     * Exactly-once does not depend on it: after an unknown outcome the store checks what the back
     * end did before sending a create again.
     */
    public SyncOptions repeatableRequests(boolean on) {
        return copy(definingQueries, authentication, listener, headers, connectTimeout, requestTimeout, readTimeout,
                maxRetries, maxBackoff, pageSize, requestsPerBatch, on, requestQueueOptimization, undoLocalCreation,
                transactionBuilder);
    }

    /** S9: combine a create with its updates and updates with each other, drop create+delete (default off). */
    public SyncOptions requestQueueOptimization(boolean on) {
        return copy(definingQueries, authentication, listener, headers, connectTimeout, requestTimeout, readTimeout,
                maxRetries, maxBackoff, pageSize, requestsPerBatch, repeatableRequests, on, undoLocalCreation,
                transactionBuilder);
    }

    /** S10: a never-uploaded entity created and deleted again sends nothing (default off). */
    public SyncOptions undoLocalCreation(boolean on) {
        return copy(definingQueries, authentication, listener, headers, connectTimeout, requestTimeout, readTimeout,
                maxRetries, maxBackoff, pageSize, requestsPerBatch, repeatableRequests, requestQueueOptimization, on,
                transactionBuilder);
    }

    /** S11: requests with the same transaction ID go into as few change sets as possible (default off). */
    public SyncOptions transactionBuilder(boolean on) {
        return copy(definingQueries, authentication, listener, headers, connectTimeout, requestTimeout, readTimeout,
                maxRetries, maxBackoff, pageSize, requestsPerBatch, repeatableRequests, requestQueueOptimization,
                undoLocalCreation, on);
    }

    private static Duration positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("the " + what + " time must be positive, not " + d);
        }
        return d;
    }

    /** The service root, ending with {@code /}. */
    public URI serviceRoot() {
        return serviceRoot;
    }

    /** The defining queries, in the order given. */
    public List<DefiningQuery> definingQueries() {
        return definingQueries;
    }

    /** The authentication. */
    public Authentication authentication() {
        return authentication;
    }

    /** The listener. */
    public SyncListener listener() {
        return listener;
    }

    /** Headers sent with every request. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The connect timeout. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The time until a response's headers must arrive. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** The longest pause while reading a response body. */
    public Duration readTimeout() {
        return readTimeout;
    }

    /** Retries of requests the back end did not process. */
    public int maxRetries() {
        return maxRetries;
    }

    /** The longest wait before a retry. */
    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** The preferred page size, or 0 for the back end's default. */
    public int pageSize() {
        return pageSize;
    }

    /** The most requests per {@code $batch}. */
    public int requestsPerBatch() {
        return requestsPerBatch;
    }

    /** Whether repeatability headers are sent. */
    public boolean isRepeatableRequests() {
        return repeatableRequests;
    }

    /** Whether request queue optimisation is on. */
    public boolean isRequestQueueOptimization() {
        return requestQueueOptimization;
    }

    /** Whether undo local creation is on. */
    public boolean isUndoLocalCreation() {
        return undoLocalCreation;
    }

    /** Whether the transaction builder is on. */
    public boolean isTransactionBuilder() {
        return transactionBuilder;
    }
}
