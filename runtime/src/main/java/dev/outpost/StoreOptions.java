package dev.outpost;

import dev.outpost.model.MetadataSource;
import dev.outpost.model.ServiceModel;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to open an {@link OfflineStore}: the store file and the service model, how durable
 * commits are, and how it syncs with its back end. Immutable; start from {@link #of(Path, ServiceModel)} or {@link #of(Path, MetadataSource)}.
 */
public final class StoreOptions {

    private final Path file;
    private final ServiceModel model;
    private final MetadataSource metadata;
    private final boolean synchronousFull;
    private final int cacheMebibytes;
    private final SyncOptions sync;

    private StoreOptions(Path file, ServiceModel model, MetadataSource metadata, boolean synchronousFull,
                         int cacheMebibytes, SyncOptions sync) {
        this.file = Objects.requireNonNull(file, "file");
        this.model = model;
        this.metadata = metadata;
        this.synchronousFull = synchronousFull;
        this.cacheMebibytes = cacheMebibytes;
        this.sync = sync;
    }

    /** A store file for a service model already read. */
    public static StoreOptions of(Path file, ServiceModel model) {
        return new StoreOptions(file, Objects.requireNonNull(model, "model"), null, false, 32, null);
    }

    /** A store file for the service whose {@code $metadata} this source reads (read when the store opens). */
    public static StoreOptions of(Path file, MetadataSource metadata) {
        return new StoreOptions(file, null, Objects.requireNonNull(metadata, "metadata"), false, 32, null);
    }

    /**
     * Makes every commit survive power loss (fsync); about half as fast. The default survives
     * process crashes and kills, which is what a write-ahead log guarantees without fsync.
     */
    public StoreOptions synchronousFull() {
        return new StoreOptions(file, model, metadata, true, cacheMebibytes, sync);
    }

    /** The SQLite page cache in MiB (default 32); large downloads benefit from more. */
    public StoreOptions cacheMebibytes(int mebibytes) {
        if (mebibytes < 1) {
            throw new IllegalArgumentException("the cache must be at least 1 MiB");
        }
        return new StoreOptions(file, model, metadata, synchronousFull, mebibytes, sync);
    }

    /** Connects the store to its back end: downloads, uploads and functions/actions then work. */
    public StoreOptions sync(SyncOptions options) {
        return new StoreOptions(file, model, metadata, synchronousFull, cacheMebibytes,
                Objects.requireNonNull(options, "options"));
    }

    /** The store file. */
    public Path file() {
        return file;
    }

    /** The service model: given, or read from the metadata source. */
    public ServiceModel model() {
        return model != null ? model : ServiceModel.read(metadata);
    }

    /** Whether commits are fsynced. */
    public boolean isSynchronousFull() {
        return synchronousFull;
    }

    /** The page cache size in MiB. */
    public int cacheMebibytes() {
        return cacheMebibytes;
    }

    /** How the store syncs, or null for a store without a back end. */
    public SyncOptions sync() {
        return sync;
    }
}
