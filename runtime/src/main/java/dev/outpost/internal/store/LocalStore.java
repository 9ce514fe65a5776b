package dev.outpost.internal.store;

import dev.outpost.DataRequestException;
import dev.outpost.EntityValue;
import dev.outpost.QueryResult;
import dev.outpost.internal.EntityAccess;
import dev.outpost.model.ServiceModel;
import dev.outpost.query.DataQuery;
import dev.outpost.spi.Change;
import dev.outpost.spi.ValueFactory;

import java.nio.file.Path;
import java.util.List;

/** The store's parts wired together: the database, the catalog, local changes, queries and local state. */
public final class LocalStore implements AutoCloseable {

    private final Database db;
    private final Catalog catalog;
    private final int schemaVersion;
    private final EntityRows rows;
    private final RequestQueue queue;
    private final RequestApplier applier;
    private final LocalChanges changes;
    private final LocalState state;
    private final QueryEngine queries;
    private final SyncStore sync;
    private final UploadStore upload;

    private LocalStore(Database db, StoreFile.Opened opened) {
        this.db = db;
        this.catalog = opened.catalog();
        this.schemaVersion = opened.schemaVersion();
        this.rows = new EntityRows(db, new ValueCodec(catalog.model()));
        Links links = new Links(db, catalog, rows);
        this.queue = new RequestQueue(db);
        db.write(c -> {
            queue.loadIndex();
            return null;
        });
        this.applier = new RequestApplier(db, catalog, rows, links);
        this.changes = new LocalChanges(db, catalog, rows, queue, applier);
        this.state = new LocalState(db, catalog, queue, applier);
        this.queries = new QueryEngine(db, catalog, rows, queue);
        this.sync = new SyncStore(db, catalog, rows, state);
        this.upload = new UploadStore(db, catalog, rows, queue, state);
    }

    /** Opens a store file for a model. */
    public static LocalStore open(Path file, ServiceModel model, boolean synchronousFull, int cacheMebibytes) {
        Database db = Database.open(file, synchronousFull, cacheMebibytes);
        try {
            return new LocalStore(db, StoreFile.open(db, model));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** The store side of uploads. */
    public UploadStore upload() {
        return upload;
    }

    /** The store side of downloads. */
    public SyncStore sync() {
        return sync;
    }

    public ServiceModel model() {
        return catalog.model();
    }

    public Path file() {
        return db.file();
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    public QueryResult<EntityValue> executeQuery(DataQuery query, ValueFactory factory) {
        return queries.execute(query, factory);
    }

    public void apply(List<Change> list, boolean changeSet) {
        changes.apply(list, changeSet);
    }

    /** Undoes the pending changes of the entity a readLink points to, also one deleted locally. */
    public void undo(String readLink) {
        db.write(c -> {
            LocalChanges.Ref ref = resolve(readLink);
            for (StoredRequest r : queue.touching(ref.set(), ref.lid())) {
                if (UploadStore.STATE_SENDING.equals(r.state())) {
                    throw new DataRequestException(409, "'" + readLink + "' has a change that is being uploaded (or whose"
                            + " upload was interrupted and is not settled yet); undo it after the upload completes");
                }
            }
            state.undo(ref.set(), ref.lid());
            return null;
        });
    }

    /** The entity set and local ID of a readLink ({@code Set($lid=n)} or {@code Set(key)}), deleted or not. */
    private LocalChanges.Ref resolve(String readLink) throws java.sql.SQLException {
        dev.outpost.query.ResourcePath path = dev.outpost.query.DataQuery.parse(readLink).resource();
        Catalog.Set set = catalog.require(path.root());
        if (path.segments().size() != 2 || !(path.segments().get(1) instanceof dev.outpost.query.ResourcePath.Key key)) {
            throw new DataRequestException(400, "'" + readLink + "' is not the readLink of an entity (Set(key) or Set($lid=n))");
        }
        List<Object> values = rows.keyValues(set, key);
        if (values == null) {
            return new LocalChanges.Ref(set.name(), ((Number) key.parts().get(0).value().value()).longValue());
        }
        long lid = new ServerWriter(db, catalog, rows, state).lid(set, values);
        if (lid == 0) {
            throw new dev.outpost.EntityNotFoundException(readLink);
        }
        return new LocalChanges.Ref(set.name(), lid);
    }

    /**
     * Publishes server state in one transaction: entities as the back end sent them and keys of
     * entities it deleted; entities with local changes are rebased (S4).
     */
    public void publishServerState(String entitySet, List<com.fasterxml.jackson.databind.node.ObjectNode> entities,
                                   List<com.fasterxml.jackson.databind.node.ObjectNode> deletedKeys) {
        Catalog.Set set = catalog.require(entitySet);
        db.write(c -> {
            ServerWriter writer = new ServerWriter(db, catalog, rows, state);
            for (var e : entities) {
                writer.upsert(set, e);
            }
            for (var key : deletedKeys) {
                writer.delete(set, key);
            }
            writer.finish();
            return null;
        });
    }

    /** Appends to the event log (S17); only the newest 100 events are visible in {@code EventLog}. */
    public void logEvent(String type, String details) {
        db.write(c -> {
            var p = db.prepare("INSERT INTO \"$events\" (\"type\", \"time\", \"details\") VALUES (?, ?, ?)");
            p.setString(1, type);
            p.setString(2, ValueCodec.instantText(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)));
            p.setString(3, details);
            p.executeUpdate();
            return null;
        });
    }

    /** A value the store keeps about itself (client ID, what the back end supports), or null. */
    public String meta(String key) {
        return db.read(c -> {
            var p = db.prepare("SELECT \"value\" FROM \"$meta\" WHERE \"key\" = ?");
            p.setString(1, key);
            try (var rs = p.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    /** Keeps a value about the store. */
    public void meta(String key, String value) {
        db.write(c -> {
            var p = db.prepare("INSERT INTO \"$meta\" (\"key\", \"value\") VALUES (?, ?) ON CONFLICT (\"key\")"
                    + " DO UPDATE SET \"value\" = excluded.\"value\"");
            p.setString(1, key);
            p.setString(2, value);
            p.executeUpdate();
            return null;
        });
    }

    /**
     * How the store's schema would change for another version of the model: null when it would
     * not change, an empty list when the change is additive (it migrates in place), else what
     * cannot migrate, element by element.
     */
    public List<String> schemaChange(ServiceModel newer) {
        var current = catalog.schema();
        var next = dev.outpost.internal.schema.SchemaMapper.map(newer);
        if (current.identityHash().equals(next.identityHash())) {
            return null;
        }
        return dev.outpost.internal.schema.SchemaDiff.between(current, next).incompatible();
    }

    public boolean isRequestQueueEmpty() {
        return db.read(c -> queue.isEmpty());
    }

    public String integrityCheck() {
        return db.integrityCheck();
    }

    @Override
    public void close() {
        db.close();
    }
}
