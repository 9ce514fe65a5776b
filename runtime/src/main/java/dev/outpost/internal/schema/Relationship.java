package dev.outpost.internal.schema;

/**
 * How the store keeps one navigation property of an entity set.
 *
 * @param entitySet the set whose type has the navigation
 * @param navigation the navigation property name
 * @param targetSet the entity set the targets live in (from the navigation property binding)
 * @param collection whether the navigation is collection-valued
 * @param storage where the relationship is stored
 * @param table for {@code REFERENCE}: the table holding the reference column; for {@code LINK_TABLE}: the link table
 * @param column for {@code REFERENCE}: the reference column; for {@code LINK_TABLE}: the column holding this side's
 *     local ID ({@code source$lid} or {@code target$lid})
 * @param otherColumn for {@code LINK_TABLE}: the column holding the other side's local ID; else null
 * @param partner the partner navigation, or null
 * @param containment whether the target is contained
 */
public record Relationship(String entitySet, String navigation, String targetSet, boolean collection, Storage storage,
                           String table, String column, String otherColumn, String partner, boolean containment) {

    /** Where a relationship is stored. */
    public enum Storage {
        /** A reference column on this set's table points at the target. */
        REFERENCE,
        /** A reference column on the target's table points back at this entity (the partner's reference). */
        REVERSE_REFERENCE,
        /** A link table with one row per related pair (many-to-many, or one-to-many without a single-valued partner). */
        LINK_TABLE
    }
}
