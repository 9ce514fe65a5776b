package dev.outpost;

import dev.outpost.query.CollectionNavigation;
import dev.outpost.query.EntityNavigation;
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
        return createRelatedEntity(entity, parent, navigation, RequestOptions.defaults());
    }

    /** Creates the entity through a navigation of its parent, with request options. */
    public ChangeSet createRelatedEntity(EntityValue entity, EntityValue parent, String navigation,
                                         RequestOptions options) {
        changes.add(new Change.CreateRelated(entity, parent, navigation, options));
        return this;
    }

    /** Creates the entity through a collection-valued navigation of its parent, typed. */
    public <T extends EntityValue> ChangeSet createRelatedEntity(T entity, EntityValue parent,
                                                                 CollectionNavigation<T> navigation) {
        return createRelatedEntity(entity, parent, navigation.name());
    }

    /** Updates the entity's changed properties. */
    public ChangeSet updateEntity(EntityValue entity) {
        return updateEntity(entity, RequestOptions.defaults());
    }

    /** Updates the entity's changed properties with request options. */
    public ChangeSet updateEntity(EntityValue entity, RequestOptions options) {
        changes.add(new Change.Update(entity, options));
        return this;
    }

    /** Deletes the entity. */
    public ChangeSet deleteEntity(EntityValue entity) {
        return deleteEntity(entity, RequestOptions.defaults());
    }

    /** Deletes the entity with request options. */
    public ChangeSet deleteEntity(EntityValue entity, RequestOptions options) {
        changes.add(new Change.Delete(entity, options));
        return this;
    }

    /** Relates two entities. */
    public ChangeSet createLink(EntityValue source, String navigation, EntityValue target) {
        return createLink(source, navigation, target, RequestOptions.defaults());
    }

    /** Relates two entities with request options. */
    public ChangeSet createLink(EntityValue source, String navigation, EntityValue target, RequestOptions options) {
        changes.add(new Change.CreateLink(source, navigation, target, options));
        return this;
    }

    /** Relates two entities through a collection-valued navigation, typed. */
    public <T extends EntityValue> ChangeSet createLink(EntityValue source, CollectionNavigation<T> navigation, T target) {
        return createLink(source, navigation.name(), target);
    }

    /** Sets the target of a single-valued navigation, typed. */
    public <T extends EntityValue> ChangeSet createLink(EntityValue source, EntityNavigation<T> navigation, T target) {
        return createLink(source, navigation.name(), target);
    }

    /** Replaces the target of a single-valued navigation. */
    public ChangeSet updateLink(EntityValue source, String navigation, EntityValue target) {
        return updateLink(source, navigation, target, RequestOptions.defaults());
    }

    /** Replaces the target of a single-valued navigation with request options. */
    public ChangeSet updateLink(EntityValue source, String navigation, EntityValue target, RequestOptions options) {
        changes.add(new Change.UpdateLink(source, navigation, target, options));
        return this;
    }

    /** Replaces the target of a single-valued navigation, typed. */
    public <T extends EntityValue> ChangeSet updateLink(EntityValue source, EntityNavigation<T> navigation, T target) {
        return updateLink(source, navigation.name(), target);
    }

    /** Removes a relationship; the target may be null for a single-valued navigation. */
    public ChangeSet deleteLink(EntityValue source, String navigation, EntityValue target) {
        return deleteLink(source, navigation, target, RequestOptions.defaults());
    }

    /** Removes a relationship with request options. */
    public ChangeSet deleteLink(EntityValue source, String navigation, EntityValue target, RequestOptions options) {
        changes.add(new Change.DeleteLink(source, navigation, target, options));
        return this;
    }

    /** Removes a relationship of a collection-valued navigation, typed. */
    public <T extends EntityValue> ChangeSet deleteLink(EntityValue source, CollectionNavigation<T> navigation, T target) {
        return deleteLink(source, navigation.name(), target);
    }

    /** Removes the target of a single-valued navigation, typed. */
    public <T extends EntityValue> ChangeSet deleteLink(EntityValue source, EntityNavigation<T> navigation) {
        return deleteLink(source, navigation.name(), null);
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
