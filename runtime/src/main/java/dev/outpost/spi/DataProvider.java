package dev.outpost.spi;

import dev.outpost.EntityValue;
import dev.outpost.QueryResult;
import dev.outpost.model.Operation;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.ServiceModel;
import dev.outpost.query.DataQuery;

import java.util.List;
import java.util.Map;

/**
 * What a {@link dev.outpost.DataService} runs on: the offline store. For provider
 * implementations; applications use {@code DataService}.
 */
public interface DataProvider {

    /** The service model. */
    ServiceModel model();

    /** Runs a query; entities are created by the factory. */
    QueryResult<EntityValue> executeQuery(DataQuery query, ValueFactory factory);

    /**
     * Applies changes in one local transaction and queues one request per change. With
     * {@code changeSet} true the requests form one OData change set (all or nothing on upload)
     * and later changes may refer to entities created by earlier ones.
     */
    void apply(List<Change> changes, boolean changeSet);

    /**
     * Drops the pending requests of the entity a readLink points to (also one deleted locally) and
     * restores its last downloaded state (L12).
     */
    void undoPendingChanges(String readLink);

    /**
     * Calls an action or function on the back end. Operations run online only.
     *
     * <p>The result has the form of a property value of the return type, so that the typed layer
     * converts it as it converts properties: entities and complex values made with {@code factory},
     * primitives as {@link dev.outpost.query.Literals} maps them, enum values as member names
     * ({@code "A,B"} for flags), collections as a {@link java.util.List} of such values; null for no
     * result.
     *
     * @param binding the entity or entity set path the operation is bound to, or null
     */
    Object callOperation(Operation.Kind kind, QualifiedName operation, String binding, Map<String, Object> parameters,
                         ValueFactory factory);
}
