package dev.outpost.model;

import java.util.List;

/**
 * An {@code edmx:Reference} to another CSDL document, with the namespaces it includes. Types and
 * terms of included namespaces are not read; references to them stay unresolved.
 *
 * @param uri the referenced document's URI
 * @param includes the included namespaces and their aliases
 */
public record Reference(String uri, List<Include> includes) {

    public Reference {
        includes = List.copyOf(includes);
    }

    /**
     * One included namespace.
     *
     * @param namespace the namespace
     * @param alias the alias, or null
     */
    public record Include(String namespace, String alias) {
    }
}
