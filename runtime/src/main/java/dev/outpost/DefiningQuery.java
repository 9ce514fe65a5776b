package dev.outpost;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a download brings into the store (S1, S15): a named OData read URL relative to the
 * service root, for example {@code WorkOrders?$filter=TechnicianId eq 7&$expand=Tasks}. The
 * entities it returns, expanded ones included, are kept; after a full download, local copies the
 * query no longer returns leave the store unless they have pending changes or another defining
 * query still returns them.
 *
 * <p>Download rules per entity set: {@link #of} downloads all of a set or those matching a
 * filter; {@link #clear} downloads nothing and clears the set's local data on each download
 * (pending changes stay); a set no defining query names keeps whatever is stored.
 */
public final class DefiningQuery {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    /** What the query does on download. */
    public enum Kind {
        /** Download the URL's result. */
        QUERY,
        /** Download nothing; remove the set's local entities that have no pending changes. */
        CLEAR
    }

    private final String name;
    private final String url;
    private final Kind kind;

    private DefiningQuery(String name, String url, Kind kind) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a defining query name is 1 to 128 letters, digits, '_', '.' or '-', not '"
                    + name + "'");
        }
        Objects.requireNonNull(url, "url");
        if (url.isBlank() || url.startsWith("/") || url.contains("://")) {
            throw new IllegalArgumentException("defining query '" + name + "': '" + url + "' must be a resource path"
                    + " relative to the service root, like WorkOrders?$filter=Status eq 1");
        }
        this.name = name;
        this.url = url;
        this.kind = kind;
    }

    /** A query downloading the result of {@code url} (relative to the service root). */
    public static DefiningQuery of(String name, String url) {
        return new DefiningQuery(name, url, Kind.QUERY);
    }

    /** A rule that keeps an entity set empty locally, except for entities with pending changes. */
    public static DefiningQuery clear(String entitySet) {
        return new DefiningQuery("clear." + entitySet, entitySet, Kind.CLEAR);
    }

    /** The name, unique within a store. */
    public String name() {
        return name;
    }

    /** The resource path and query options, relative to the service root. */
    public String url() {
        return url;
    }

    /** What it does on download. */
    public Kind kind() {
        return kind;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DefiningQuery d && d.name.equals(name) && d.url.equals(url) && d.kind == kind;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, url, kind);
    }

    @Override
    public String toString() {
        return name + (kind == Kind.CLEAR ? " (clear " + url + ")" : " = " + url);
    }
}
