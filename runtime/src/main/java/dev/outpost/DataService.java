package dev.outpost;

import dev.outpost.model.Operation;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.ServiceModel;
import dev.outpost.query.CollectionNavigation;
import dev.outpost.query.DataQuery;
import dev.outpost.query.EntityNavigation;
import dev.outpost.query.TypedProperty;
import dev.outpost.spi.Change;
import dev.outpost.spi.DataProvider;
import dev.outpost.spi.ValueFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * OData operations on the offline store, as if it were the back end: queries, creates, updates,
 * deletes, links, change sets, undo. Every change is applied locally and queued as an OData
 * request in one transaction before the call returns. Generated service classes extend this
 * class with typed methods; the dynamic API uses it directly.
 */
public class DataService {

    private final DataProvider provider;
    private final ValueFactory factory;

    /** A dynamic data service: results are plain {@link EntityValue}s. */
    public DataService(DataProvider provider) {
        this(provider, ValueFactory.DYNAMIC);
    }

    /** A data service whose results are created by the factory (generated code passes its own). */
    protected DataService(DataProvider provider, ValueFactory factory) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /** The service model. */
    public ServiceModel model() {
        return provider.model();
    }

    /** The provider this service runs on. */
    protected DataProvider provider() {
        return provider;
    }

    /** Runs a query and returns the page of entities, with count and next link when asked for. */
    public QueryResult<EntityValue> executeQuery(DataQuery query) {
        return provider.executeQuery(query, factory);
    }

    /** Runs a query and returns its entities typed (for generated code). */
    protected <T extends EntityValue> List<T> fetch(Class<T> type, DataQuery query) {
        List<T> out = new ArrayList<>();
        for (EntityValue e : executeQuery(query).entities()) {
            out.add(type.cast(e));
        }
        return out;
    }

    /**
     * The entity a readLink (or editLink) points to.
     *
     * @throws EntityNotFoundException (404) when there is no such entity
     */
    public EntityValue loadEntity(String readLink) {
        return loadEntity(readLink, DataQuery.options());
    }

    /** The entity a readLink points to, with options such as {@code $expand} or {@code $select}. */
    public EntityValue loadEntity(String readLink, DataQuery options) {
        DataQuery query = DataQuery.parse(readLink);
        for (var e : options.expand()) {
            query = query.expand(new PathOnly(e.navigation()), o -> e.options());
        }
        if (!options.select().isEmpty()) {
            query = query.select(options.select().stream().map(PathOnly::new).toArray(dev.outpost.query.Expression[]::new));
        }
        List<EntityValue> found = executeQuery(query).entities();
        if (found.isEmpty()) {
            throw new EntityNotFoundException(readLink);
        }
        return found.get(0);
    }

    /** A path expression for re-applying parsed options. */
    private static final class PathOnly extends dev.outpost.query.Expression {
        PathOnly(dev.outpost.query.Expr node) {
            super(node);
        }

        @Override
        protected dev.outpost.query.Expression wrap(dev.outpost.query.Expr node) {
            return new PathOnly(node);
        }
    }

    /** Creates the entity in its entity set (the one it was read from, or the only set of its type). */
    public void createEntity(EntityValue entity) {
        createEntity(entity, RequestOptions.defaults());
    }

    /** Creates the entity with request options. */
    public void createEntity(EntityValue entity, RequestOptions options) {
        apply(new Change.Create(entity, entity.entitySet(), options));
    }

    /** Creates the entity in the named entity set. */
    public void createEntity(EntityValue entity, String entitySet, RequestOptions options) {
        apply(new Change.Create(entity, entitySet, options));
    }

    /** Creates the entity through a navigation of its parent (POST {@code Parent(...)/Navigation}). */
    public void createRelatedEntity(EntityValue entity, EntityValue parent, String navigation) {
        createRelatedEntity(entity, parent, navigation, RequestOptions.defaults());
    }

    /** Creates the entity through a navigation of its parent, with request options. */
    public void createRelatedEntity(EntityValue entity, EntityValue parent, String navigation, RequestOptions options) {
        apply(new Change.CreateRelated(entity, parent, navigation, options));
    }

    /** Creates the entity through a collection-valued navigation of its parent, typed. */
    public <T extends EntityValue> void createRelatedEntity(T entity, EntityValue parent, CollectionNavigation<T> navigation) {
        createRelatedEntity(entity, parent, navigation.name(), RequestOptions.defaults());
    }

    /** Sends the changed properties as one PATCH; an update without changes is dropped (L3, L4). */
    public void updateEntity(EntityValue entity) {
        updateEntity(entity, RequestOptions.defaults());
    }

    /** Updates with request options, for example {@link RequestOptions#sendEmptyUpdate()}. */
    public void updateEntity(EntityValue entity, RequestOptions options) {
        apply(new Change.Update(entity, options));
    }

    /** Deletes the entity (L5). */
    public void deleteEntity(EntityValue entity) {
        deleteEntity(entity, RequestOptions.defaults());
    }

    /** Deletes the entity with request options. */
    public void deleteEntity(EntityValue entity, RequestOptions options) {
        apply(new Change.Delete(entity, options));
    }

    /** Relates two existing entities (L6). */
    public void createLink(EntityValue source, String navigation, EntityValue target) {
        createLink(source, navigation, target, RequestOptions.defaults());
    }

    /** Relates two existing entities with request options (L10: transaction ID, upload category, ...). */
    public void createLink(EntityValue source, String navigation, EntityValue target, RequestOptions options) {
        apply(new Change.CreateLink(source, navigation, target, options));
    }

    /** Relates two existing entities through a collection-valued navigation, typed. */
    public <T extends EntityValue> void createLink(EntityValue source, CollectionNavigation<T> navigation, T target) {
        createLink(source, navigation.name(), target);
    }

    /** Relates two existing entities through a collection-valued navigation, typed, with request options. */
    public <T extends EntityValue> void createLink(EntityValue source, CollectionNavigation<T> navigation, T target,
                                                   RequestOptions options) {
        createLink(source, navigation.name(), target, options);
    }

    /** Sets the target of a single-valued navigation, typed. */
    public <T extends EntityValue> void createLink(EntityValue source, EntityNavigation<T> navigation, T target) {
        createLink(source, navigation.name(), target);
    }

    /** Sets the target of a single-valued navigation, typed, with request options. */
    public <T extends EntityValue> void createLink(EntityValue source, EntityNavigation<T> navigation, T target,
                                                   RequestOptions options) {
        createLink(source, navigation.name(), target, options);
    }

    /** Replaces the target of a single-valued ({@code 0..1}) navigation (L6). */
    public void updateLink(EntityValue source, String navigation, EntityValue target) {
        updateLink(source, navigation, target, RequestOptions.defaults());
    }

    /** Replaces the target of a single-valued navigation with request options. */
    public void updateLink(EntityValue source, String navigation, EntityValue target, RequestOptions options) {
        apply(new Change.UpdateLink(source, navigation, target, options));
    }

    /** Replaces the target of a single-valued navigation, typed. */
    public <T extends EntityValue> void updateLink(EntityValue source, EntityNavigation<T> navigation, T target) {
        updateLink(source, navigation.name(), target);
    }

    /** Replaces the target of a single-valued navigation, typed, with request options. */
    public <T extends EntityValue> void updateLink(EntityValue source, EntityNavigation<T> navigation, T target,
                                                   RequestOptions options) {
        updateLink(source, navigation.name(), target, options);
    }

    /** Removes a relationship; the target may be null for single-valued navigations (L6). */
    public void deleteLink(EntityValue source, String navigation, EntityValue target) {
        deleteLink(source, navigation, target, RequestOptions.defaults());
    }

    /** Removes a relationship with request options; the target may be null for single-valued navigations. */
    public void deleteLink(EntityValue source, String navigation, EntityValue target, RequestOptions options) {
        apply(new Change.DeleteLink(source, navigation, target, options));
    }

    /** Removes a relationship of a collection-valued navigation, typed. */
    public <T extends EntityValue> void deleteLink(EntityValue source, CollectionNavigation<T> navigation, T target) {
        deleteLink(source, navigation.name(), target);
    }

    /** Removes a relationship of a collection-valued navigation, typed, with request options. */
    public <T extends EntityValue> void deleteLink(EntityValue source, CollectionNavigation<T> navigation, T target,
                                                   RequestOptions options) {
        deleteLink(source, navigation.name(), target, options);
    }

    /** Removes the target of a single-valued navigation, typed. */
    public <T extends EntityValue> void deleteLink(EntityValue source, EntityNavigation<T> navigation) {
        deleteLink(source, navigation.name(), null);
    }

    /** Removes the target of a single-valued navigation, typed, with request options. */
    public <T extends EntityValue> void deleteLink(EntityValue source, EntityNavigation<T> navigation,
                                                   RequestOptions options) {
        deleteLink(source, navigation.name(), null, options);
    }

    /** Applies a change set locally in one transaction; it uploads as one OData change set (L9). */
    public void applyChanges(ChangeSet changes) {
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("the change set is empty; add changes before applying it");
        }
        provider.apply(changes.changes(), true);
    }

    /** Drops the entity's pending requests and restores its downloaded state; a new entity disappears (L12). */
    public void undoPendingChanges(EntityValue entity) {
        if (entity.readLink() == null) {
            throw new DataRequestException(400, "the entity is not in the store: read it from the store first");
        }
        provider.undoPendingChanges(entity.readLink());
        dev.outpost.internal.EntityAccess.get().clearChanges(entity);
    }

    /** Undoes the pending changes of the entity a readLink points to, also one deleted locally. */
    public void undoPendingChanges(String readLink) {
        provider.undoPendingChanges(readLink);
    }

    /**
     * Calls a function on the back end. Functions and actions need a connection: offline they
     * fail with an {@link OutpostException} that says so.
     *
     * @param binding the readLink or entity set the function is bound to, or null
     */
    public Object callFunction(QualifiedName function, String binding, Map<String, Object> parameters) {
        return provider.callOperation(Operation.Kind.FUNCTION, function, binding, parameters, factory);
    }

    /** Calls an action on the back end; needs a connection. */
    public Object callAction(QualifiedName action, String binding, Map<String, Object> parameters) {
        return provider.callOperation(Operation.Kind.ACTION, action, binding, parameters, factory);
    }

    /**
     * Calls a function whose result is a primitive, enum or complex value or a collection of them,
     * and converts the result with the descriptor of its return type (the descriptor generated code
     * declares for a property of that type); generated services call this. Needs a connection.
     *
     * @param resultType the descriptor of the return type; its name appears in conversion errors
     * @throws ClassCastException if the provider's result is not of the return type
     */
    public <T> T callFunction(QualifiedName function, String binding, Map<String, Object> parameters,
                              TypedProperty<T> resultType) {
        return resultType.fromValue(callFunction(function, binding, parameters));
    }

    /** Calls an action whose result is a primitive, enum or complex value or a collection of them; see {@link #callFunction(QualifiedName, String, Map, TypedProperty)}. */
    public <T> T callAction(QualifiedName action, String binding, Map<String, Object> parameters,
                            TypedProperty<T> resultType) {
        return resultType.fromValue(callAction(action, binding, parameters));
    }

    /**
     * Calls a function that returns a collection of entities, each an instance of
     * {@code entityClass} (the provider creates them with the service's value factory). Needs a connection.
     *
     * @throws ClassCastException if the result is not a list of such entities
     */
    public <T extends EntityValue> List<T> callFunctionForEntities(QualifiedName function, String binding,
                                                                   Map<String, Object> parameters, Class<T> entityClass) {
        return entities(function, callFunction(function, binding, parameters), entityClass);
    }

    /** Calls an action that returns a collection of entities; see {@link #callFunctionForEntities}. */
    public <T extends EntityValue> List<T> callActionForEntities(QualifiedName action, String binding,
                                                                 Map<String, Object> parameters, Class<T> entityClass) {
        return entities(action, callAction(action, binding, parameters), entityClass);
    }

    private static <T extends EntityValue> List<T> entities(QualifiedName operation, Object result, Class<T> entityClass) {
        if (result == null) {
            return null;
        }
        if (!(result instanceof List<?> list)) {
            throw new ClassCastException(operation + " returned a value of class " + result.getClass().getSimpleName()
                    + ", not a collection of entities");
        }
        List<T> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!entityClass.isInstance(o)) {
                throw new ClassCastException(operation + " returned a collection with "
                        + (o == null ? "null" : "an element of class " + o.getClass().getSimpleName()) + ", not "
                        + entityClass.getSimpleName());
            }
            out.add(entityClass.cast(o));
        }
        return out;
    }

    private void apply(Change change) {
        provider.apply(List.of(change), false);
    }
}
