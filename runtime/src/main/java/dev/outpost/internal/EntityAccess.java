package dev.outpost.internal;

import dev.outpost.EntityValue;

import java.lang.invoke.MethodHandles;
import java.util.List;

/**
 * The store's access to {@link EntityValue} state that applications must not set (links,
 * local-state flags, the local entity ID). {@code EntityValue} registers the implementation.
 */
public abstract class EntityAccess {

    private static volatile EntityAccess instance;

    /** Called once by {@code EntityValue}'s static initialiser. */
    public static void register(EntityAccess access) {
        instance = access;
    }

    /** The accessor. */
    public static EntityAccess get() {
        EntityAccess a = instance;
        if (a == null) {
            try {
                MethodHandles.lookup().ensureInitialized(EntityValue.class);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            a = instance;
        }
        return a;
    }

    public abstract void setEntitySet(EntityValue entity, String entitySet);

    public abstract void setLinks(EntityValue entity, String readLink, String editLink);

    public abstract void setETag(EntityValue entity, String etag);

    public abstract void setLocalId(EntityValue entity, long localId);

    public abstract long localId(EntityValue entity);

    public abstract void setLocalState(EntityValue entity, boolean isNew, boolean isLocal, boolean hasPendingChanges,
                                       boolean inErrorState);

    public abstract void setRelativesState(EntityValue entity, boolean hasLocalRelatives,
                                           boolean hasRelativesWithPendingChanges);

    /** Puts a value without marking it changed (values read from the store). */
    public abstract void putLoaded(EntityValue entity, String property, Object value);

    /** Forgets which properties were changed (after a successful write). */
    public abstract void clearChanges(EntityValue entity);

    /** Sets an expanded navigation as read from the store. */
    public abstract void putRelated(EntityValue entity, String navigation, Object related);

    /** Entities bound through {@link EntityValue#bindEntity}, by navigation property. */
    public abstract java.util.Map<String, List<EntityValue>> bindings(EntityValue entity);
}
