package dev.outpost;

import dev.outpost.internal.store.LocalStore;
import dev.outpost.model.Operation;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.ServiceModel;
import dev.outpost.query.DataQuery;
import dev.outpost.spi.Change;
import dev.outpost.spi.DataProvider;
import dev.outpost.spi.ValueFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The offline store: a SQLite file that holds the service's data and answers OData queries and
 * changes locally, as if it were the back end. Every change is applied and appended to the
 * durable request queue in one transaction before the call returns.
 *
 * <pre>{@code
 * try (OfflineStore store = OfflineStore.open(StoreOptions.of(Path.of("field.db"),
 *         MetadataSource.classpath("field-service/metadata.xml")))) {
 *     DataService service = new DataService(store);
 *     EntityValue order = new EntityValue(QualifiedName.parse("FieldService.WorkOrder"));
 *     order.setValue("Title", "Replace pump");
 *     service.createEntity(order);            // local, queued as POST WorkOrders
 *     String readLink = order.readLink();     // works now, after upload and after download
 * }
 * }</pre>
 *
 * <p>Opening checks the file: a file of another service is refused; an additive change of the
 * service's {@code $metadata} is migrated in one exclusive transaction; anything removed,
 * renamed or retyped is refused, naming each element. Thread-safe: calls are serialised.
 */
public final class OfflineStore implements DataProvider, AutoCloseable {

    private final LocalStore local;

    private OfflineStore(LocalStore local) {
        this.local = local;
    }

    /**
     * Opens (creating if needed) a store.
     *
     * @throws StoreException if the model has no entity container, or the file belongs to another service or
     *     cannot be migrated
     */
    public static OfflineStore open(StoreOptions options) {
        if (options.model().container().isEmpty()) {
            throw new StoreException("the $metadata of " + options.model().source() + " declares no entity container,"
                    + " so there is nothing to store; use the service's complete $metadata document");
        }
        return new OfflineStore(LocalStore.open(options.file(), options.model(), options.isSynchronousFull(),
                options.cacheMebibytes()));
    }

    @Override
    public ServiceModel model() {
        return local.model();
    }

    /** The store file. */
    public Path file() {
        return local.file();
    }

    /** The schema version: 1 when created, one more after each migration. */
    public int schemaVersion() {
        return local.schemaVersion();
    }

    @Override
    public QueryResult<EntityValue> executeQuery(DataQuery query, ValueFactory factory) {
        return local.executeQuery(query, factory);
    }

    @Override
    public void apply(List<Change> changes, boolean changeSet) {
        local.apply(changes, changeSet);
    }

    @Override
    public void undoPendingChanges(String readLink) {
        local.undo(readLink);
    }

    /**
     * Functions and actions run on the back end only. This store has no connection to one, so
     * the call fails with an {@link OutpostException} that says so.
     */
    @Override
    public Object callOperation(Operation.Kind kind, QualifiedName operation, String binding,
                                Map<String, Object> parameters, ValueFactory factory) {
        throw new OutpostException("calling the " + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + operation
                + " needs the back end, and this store has no connection to one; functions and actions are not"
                + " available offline");
    }

    /** Whether no request waits to be uploaded (failed requests wait for a decision and do not count). */
    public boolean isRequestQueueEmpty() {
        return local.isRequestQueueEmpty();
    }

    /** Runs SQLite's integrity check; returns {@code ok} when the file is sound. */
    public String integrityCheck() {
        return local.integrityCheck();
    }

    /** The store's internals, for Outpost's own sync and tests in this package. */
    LocalStore local() {
        return local;
    }

    @Override
    public void close() {
        local.close();
    }
}
