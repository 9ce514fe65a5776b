package dev.outpost;

import dev.outpost.spi.Change;

import java.util.ArrayList;
import java.util.List;

/**
 * Changes applied together (L9): locally in one transaction, and uploaded as one OData change
 * set, so the back end applies all of them or none. A later change may refer to an entity an
 * earlier one creates, for example a parent and then its children:
 *
 * <pre>{@code
 * ChangeSet changes = new ChangeSet()
 *     .createEntity(order)
 *     .createRelatedEntity(task, order, "Tasks");
 * service.applyChanges(changes);
 * }</pre>
 */
public final class ChangeSet {

    private final List<Change> changes = new ArrayList<>();

    /** Creates the entity in its entity set. */
    public ChangeSet createEntity(EntityValue entity) {
        return createEntity(entity, RequestOptions.defaults());
    }

    /** Creates the entity in its entity set with request options. */
    public ChangeSet createEntity(EntityValue entity, RequestOptions options) {
        changes.add(new Change.Create(entity, entity.entitySet(), options));
        return this;
    }

    /** Creates the entity in the named entity set. */
    public ChangeSet createEntity(EntityValue entity, String entitySet, RequestOptions options) {
        changes.add(new Change.Create(entity, entitySet, options));
        return this;
    }

    /** Creates the entity through a navigation of its parent. */
    public ChangeSet createRelatedEntity(EntityValue entity, EntityValue parent, String navigation) {
        changes.add(new Change.CreateRelated(entity, parent, navigation, RequestOptions.defaults()));
        return this;
    }

    /** Updates the entity's changed properties. */
    public ChangeSet updateEntity(EntityValue entity) {
        changes.add(new Change.Update(entity, RequestOptions.defaults()));
        return this;
    }

    /** Deletes the entity. */
    public ChangeSet deleteEntity(EntityValue entity) {
        changes.add(new Change.Delete(entity, RequestOptions.defaults()));
        return this;
    }

    /** Relates two entities. */
    public ChangeSet createLink(EntityValue source, String navigation, EntityValue target) {
        changes.add(new Change.CreateLink(source, navigation, target, RequestOptions.defaults()));
        return this;
    }

    /** Replaces the target of a single-valued navigation. */
    public ChangeSet updateLink(EntityValue source, String navigation, EntityValue target) {
        changes.add(new Change.UpdateLink(source, navigation, target, RequestOptions.defaults()));
        return this;
    }

    /** Removes a relationship. */
    public ChangeSet deleteLink(EntityValue source, String navigation, EntityValue target) {
        changes.add(new Change.DeleteLink(source, navigation, target, RequestOptions.defaults()));
        return this;
    }

    /** Adds any change with its own options. */
    public ChangeSet add(Change change) {
        changes.add(change);
        return this;
    }

    /** The changes in order. */
    public List<Change> changes() {
        return List.copyOf(changes);
    }

    /** Whether nothing was added. */
    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
