package dev.outpost.internal.schema;

/**
 * A table of related pairs for navigations that no reference column can hold.
 *
 * @param table the table name
 * @param sourceSet the entity set of {@code source$lid}
 * @param sourceNavigation the navigation from the source
 * @param targetSet the entity set of {@code target$lid}
 * @param targetNavigation the partner navigation from the target, or null
 */
public record LinkTable(String table, String sourceSet, String sourceNavigation, String targetSet,
                        String targetNavigation) {
}
