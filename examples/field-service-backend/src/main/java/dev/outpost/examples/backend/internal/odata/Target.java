package dev.outpost.examples.backend.internal.odata;

import dev.outpost.examples.backend.internal.store.EntityTable;
import dev.outpost.examples.backend.internal.store.Key;
import dev.outpost.examples.backend.internal.store.Relation;
import dev.outpost.examples.backend.internal.store.Row;

/**
 * What a resource path addresses: an entity ({@code key} set) or a collection of a table,
 * possibly reached from a {@code parent} row through a {@code relation}.
 *
 * @param table the entity set's table
 * @param key the addressed entity's key; null for a collection or an unset to-one navigation
 * @param relation the navigation property of the last segment; null for an entity set
 * @param parent the row the navigation starts from; null for an entity set
 * @param single whether the path addresses one entity rather than a collection
 */
record Target(EntityTable table, Key key, Relation relation, Row parent, boolean single) {}
