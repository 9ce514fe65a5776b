package dev.outpost;

import dev.outpost.internal.store.LocalStore;
import dev.outpost.internal.sync.SyncEngine;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The offline store: a SQLite file that holds the service's data and answers OData queries and
 * changes locally, as if it were the back end. Every change is applied and appended to the
 * durable request queue in one transaction before the call returns; {@link #upload()} sends the
 * queue to the back end and {@link #download(String...)} brings its state.
 *
 * <pre>{@code
 * try (OfflineStore store = OfflineStore.open(StoreOptions.of(Path.of("field.db"),
 *         MetadataSource.classpath("field-service/metadata.xml"))
 *         .sync(SyncOptions.of("http://127.0.0.1:8080/odata/").definingQuery("orders", "WorkOrders")))) {
 *     store.download().join();
 *     DataService service = new DataService(store);
 *     EntityValue order = new EntityValue(QualifiedName.parse("FieldService.WorkOrder"));
 *     order.setValue("Title", "Replace pump");
 *     service.createEntity(order);            // local, queued as POST WorkOrders
 *     String readLink = order.readLink();     // works now, after upload and after download
 *     store.upload().join();
 * }
 * }</pre>
 *
 * <p>Opening checks the file: a file of another service is refused; an additive change of the
 * service's {@code $metadata} is migrated in one exclusive transaction; anything removed,
 * renamed or retyped is refused, naming each element. Thread-safe: calls are serialised, and
 * local reads and writes go on while a download or upload runs.
 */
public final class OfflineStore implements DataProvider, AutoCloseable {

    private final StoreOptions options;
    private final ReentrantReadWriteLock swap = new ReentrantReadWriteLock();
    private volatile LocalStore local;
    private final SyncEngine sync;

    private OfflineStore(StoreOptions options, LocalStore local) {
        this.options = options;
        this.local = local;
        SyncEngine engine = null;
        if (options.sync() != null) {
            try {
                engine = new SyncEngine(options.sync(), new SyncEngine.Host() {
                    @Override
                    public LocalStore local() {
                        return OfflineStore.this.local;
                    }

                    @Override
                    public void upgrade(ServiceModel newer) {
                        OfflineStore.this.upgrade(newer);
                    }
                });
            } catch (RuntimeException e) {
                local.close();
                throw e;
            }
        }
        this.sync = engine;
    }

    /**
     * Opens (creating if needed) a store.
     *
     * @throws StoreException if the model has no entity container, or the file belongs to another service or
     *     cannot be migrated
     */
    public static OfflineStore open(StoreOptions options) {
        ServiceModel model = options.model();
        if (model.container().isEmpty()) {
            throw new StoreException("the $metadata of " + model.source() + " declares no entity container,"
                    + " so there is nothing to store; use the service's complete $metadata document");
        }
        return new OfflineStore(options, LocalStore.open(options.file(), model, options.isSynchronousFull(),
                options.cacheMebibytes()));
    }

    private <T> T with(Function<LocalStore, T> work) {
        swap.readLock().lock();
        try {
            return work.apply(local);
        } finally {
            swap.readLock().unlock();
        }
    }

    /** S13: reopens the file with a newer model; the file migrates additively while nothing else uses it. */
    private void upgrade(ServiceModel newer) {
        swap.writeLock().lock();
        try {
            local.close();
            try {
                local = LocalStore.open(options.file(), newer, options.isSynchronousFull(), options.cacheMebibytes());
            } catch (RuntimeException e) {
                local = LocalStore.open(options.file(), local.model(), options.isSynchronousFull(), options.cacheMebibytes());
                throw e;
            }
        } finally {
            swap.writeLock().unlock();
        }
    }

    @Override
    public ServiceModel model() {
        return with(LocalStore::model);
    }

    /** The store file. */
    public Path file() {
        return options.file();
    }

    /** The schema version: 1 when created, one more after each migration. */
    public int schemaVersion() {
        return with(LocalStore::schemaVersion);
    }

    @Override
    public QueryResult<EntityValue> executeQuery(DataQuery query, ValueFactory factory) {
        return with(l -> l.executeQuery(query, factory));
    }

    @Override
    public void apply(List<Change> changes, boolean changeSet) {
        with(l -> {
            l.apply(changes, changeSet);
            return null;
        });
    }

    @Override
    public void undoPendingChanges(String readLink) {
        with(l -> {
            l.undo(readLink);
            return null;
        });
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
        return with(LocalStore::isRequestQueueEmpty);
    }

    /** Runs SQLite's integrity check; returns {@code ok} when the file is sound. */
    public String integrityCheck() {
        return with(LocalStore::integrityCheck);
    }

    // ---- sync ----------------------------------------------------------------------------------

    /**
     * Downloads the named defining queries, or all of them when none are named (S1–S4, S13,
     * S15). Runs in the background; the future completes when the downloaded state is visible, all
     * at once. Cancelling the future stops the download and leaves the store as it was; the next
     * download resumes where this one stopped.
     *
     * @throws OutpostException (from the future) if the store was opened without {@link StoreOptions#sync}
     */
    public CompletableFuture<DownloadResult> download(String... definingQueries) {
        return engine().download(List.of(definingQueries));
    }

    /** Uploads every queued request (S5–S12); see {@link #upload(UploadOptions)}. */
    public CompletableFuture<UploadResult> upload() {
        return upload(UploadOptions.all());
    }

    /**
     * Uploads queued requests as {@code $batch}, FIFO, with change sets and Content-ID references
     * (S5). The upload fails only when the back end cannot be reached; requests it rejects wait in
     * {@code ErrorArchive} (see {@link SyncListener#requestFailed}) and only requests that depend on
     * them are held back (S6). A create is never applied twice, also after a lost connection (S7).
     * Local reads and writes go on meanwhile.
     */
    public CompletableFuture<UploadResult> upload(UploadOptions selection) {
        return engine().upload(java.util.Objects.requireNonNull(selection, "selection"));
    }

    /** An upload followed by a download of every defining query. */
    public CompletableFuture<DownloadResult> sync() {
        return engine().sync();
    }

    /**
     * Resolves a failed request of the error archive (S8): {@link Resolution#KEEP_LOCAL} sends it
     * again (over the server's current state, for a conflict), {@link Resolution#KEEP_SERVER}
     * drops the entity's pending changes and takes the server's state, {@link Resolution#MERGE}
     * keeps both when they changed different properties and refuses, naming them, otherwise.
     *
     * @param errorId the {@code ErrorID} of an {@code ErrorArchive} entry
     * @throws EntityNotFoundException if there is no such entry
     * @throws DataRequestException (409) if a merge is not possible
     */
    public void resolve(long errorId, Resolution resolution) {
        java.util.Objects.requireNonNull(resolution, "resolution");
        with(l -> {
            l.upload().resolve(errorId, resolution);
            return null;
        });
    }

    private SyncEngine engine() {
        if (sync == null) {
            throw new OutpostException("this store has no back end; open it with StoreOptions.sync(SyncOptions.of(serviceRoot))"
                    + " to download and upload");
        }
        return sync;
    }

    /** The store's internals, for Outpost's own sync and tests in this package. */
    LocalStore local() {
        return local;
    }

    @Override
    public void close() {
        if (sync != null) {
            sync.close();
        }
        swap.writeLock().lock();
        try {
            local.close();
        } finally {
            swap.writeLock().unlock();
        }
    }
}
