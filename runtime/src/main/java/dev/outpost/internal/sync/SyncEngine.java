package dev.outpost.internal.sync;

import dev.outpost.DataRequestException;
import dev.outpost.DownloadResult;
import dev.outpost.OutpostException;
import dev.outpost.SyncException;
import dev.outpost.SyncOptions;
import dev.outpost.SyncProgress;
import dev.outpost.UploadOptions;
import dev.outpost.UploadResult;
import dev.outpost.internal.store.LocalStore;
import dev.outpost.internal.store.SyncStore;
import dev.outpost.model.MetadataException;
import dev.outpost.model.MetadataSource;
import dev.outpost.model.ServiceModel;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs downloads and uploads for one store (S14): one at a time, on a thread of its own, each
 * returning a future that can be cancelled. Local reads and writes go on meanwhile; they wait only
 * while a download publishes or an upload records its answers, each one short transaction.
 */
public final class SyncEngine implements AutoCloseable {

    /** The store the engine syncs; it may replace its internals after an additive $metadata change (S13). */
    public interface Host {
        LocalStore local();

        /** Reopens the store with a newer, additively changed model (migrating the file). */
        void upgrade(ServiceModel newer);
    }

    private static final String METADATA_DIGEST = "sync.metadata.sha256";

    private final SyncOptions options;
    private final Host host;
    private final Http http;
    private final ExecutorService worker;
    private final AtomicBoolean running = new AtomicBoolean();

    public SyncEngine(SyncOptions options, Host host) {
        this.options = options;
        this.host = host;
        this.http = new Http(options);
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "outpost-sync");
            t.setDaemon(true);
            return t;
        });
        if (!options.definingQueries().isEmpty()) {
            host.local().sync().register(options.definingQueries());
        }
    }

    /** The options. */
    public SyncOptions options() {
        return options;
    }

    /** Downloads the named defining queries (all when none are named). */
    public CompletableFuture<DownloadResult> download(List<String> names) {
        return run("download", (cancel, phase) -> download(names, cancel, phase));
    }

    /** Uploads the queued requests the selection names. */
    public CompletableFuture<UploadResult> upload(UploadOptions selection) {
        long horizon = host.local().upload().horizon(); // what is queued now; later writes wait for the next upload
        return run("upload", (cancel, phase) -> new Uploader(http, host.local(), options, cancel).run(selection, horizon));
    }

    /** An upload, then a download of every defining query. */
    public CompletableFuture<DownloadResult> sync() {
        long horizon = host.local().upload().horizon();
        return run("sync", (cancel, phase) -> {
            new Uploader(http, host.local(), options, cancel).run(UploadOptions.all(), horizon);
            return download(List.of(), cancel, phase);
        });
    }

    private DownloadResult download(List<String> names, Cancellation cancel, AtomicInteger phase) throws IOException {
        long start = System.nanoTime();
        checkMetadata(cancel);
        LocalStore local = host.local();
        SyncStore store = local.sync();
        Downloader downloader = new Downloader(http, store, options.listener(), options.pageSize(), cancel);
        Downloader.Staged staged = downloader.download(names);
        if (!phase.compareAndSet(SyncFuture.RUNNING, SyncFuture.COMMITTING)) {
            throw new CancellationException("the download was cancelled before publishing; the store is unchanged");
        }
        options.listener().progress(new SyncProgress(SyncProgress.Phase.PUBLISH, null, downloader.entities(), 0, 0, 0));
        SyncStore.Published published;
        try {
            published = store.publish(staged.ready());
        } catch (RuntimeException e) {
            for (SyncStore.Ready r : staged.ready()) {
                store.abandon(r.name()); // what cannot be published is downloaded afresh next time
            }
            if (e instanceof DataRequestException bad) {
                // a downloaded value or reference the model does not allow: the back end's fault, not the caller's
                throw new SyncException(502, "the download holds what the model does not allow (" + bad.getMessage()
                        + "); nothing was published and the store is unchanged");
            }
            throw e;
        }
        DownloadResult result = Downloader.result(staged.ready(), downloader.entities(), published, downloader.pages(),
                staged.delta(), local.schemaVersion(), start);
        // Q7/S17, as the seed defines it: Type "Download"; Details the defining queries of a partial
        // download (comma-separated, so indexof(Details,'name') finds one), null for a full download
        java.util.Set<String> all = new java.util.HashSet<>();
        store.cursors().forEach(c -> all.add(c.name()));
        boolean full = result.definingQueries().containsAll(all);
        local.logEvent("Download", full ? null : String.join(",", result.definingQueries()));
        return result;
    }

    /**
     * S13: compares the back end's {@code $metadata} with the store's model. Unchanged: nothing to
     * do. Changed additively: the store migrates in place (pending requests survive). Changed
     * otherwise: the download fails, naming each element, and the store stays as it is.
     */
    private void checkMetadata(Cancellation cancel) throws IOException {
        byte[] document;
        try (Http.Response r = http.getMetadata(cancel)) {
            if (r.status() != 200) {
                throw new SyncException(r.status(), "GET " + r.uri() + " answered " + r.status() + " ("
                        + Responses.errorText(r) + "); the download needs the service's $metadata to check the store's schema");
            }
            document = r.bytes();
        }
        LocalStore local = host.local();
        String digest = sha256(document);
        if (digest.equals(local.meta(METADATA_DIGEST))) {
            return;
        }
        ServiceModel served;
        try {
            served = ServiceModel.read(MetadataSource.bytes(http.root() + "$metadata", document));
        } catch (MetadataException e) {
            throw new SyncException(502, "the back end's $metadata cannot be read: " + e.getMessage());
        }
        List<String> change = local.schemaChange(served);
        if (change != null && !change.isEmpty()) {
            throw new SyncException(0, "the back end's $metadata changed in ways the store cannot migrate:\n  - "
                    + String.join("\n  - ", change) + "\nThe download stopped and the store is unchanged. Upload pending"
                    + " changes, then update the app to the new model (a new store file), or restore the removed elements"
                    + " on the back end.");
        }
        if (change != null) {
            host.upgrade(served);
            local = host.local();
            local.logEvent("schema-upgrade", "{\"schemaVersion\":" + local.schemaVersion() + "}");
        }
        local.meta(METADATA_DIGEST, digest);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Work that runs on the sync thread. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Cancellation cancel, AtomicInteger phase) throws IOException;
    }

    private <T> CompletableFuture<T> run(String what, Work<T> work) {
        if (!running.compareAndSet(false, true)) {
            return CompletableFuture.failedFuture(new OutpostException("a sync is already running on this store; wait for"
                    + " its future to complete before starting a " + what));
        }
        Cancellation cancel = new Cancellation();
        SyncFuture<T> future = new SyncFuture<>(cancel);
        try {
            worker.execute(() -> {
                T result = null;
                Throwable failure = null;
                try {
                    result = work.run(cancel, future.phase);
                    future.phase.set(SyncFuture.DONE);
                } catch (CancellationException e) {
                    failure = e;
                } catch (IOException e) {
                    failure = cancel.isCancelled() ? new CancellationException("the " + what + " was cancelled")
                            : new SyncException("the " + what + " failed: " + Http.describe(e), e);
                } catch (Throwable t) {
                    failure = t;
                }
                running.set(false); // before completing: a caller that waits may start the next sync at once
                if (failure == null) {
                    future.complete(result);
                } else {
                    future.completeExceptionally(failure);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            running.set(false);
            return CompletableFuture.failedFuture(new OutpostException("the store is closed; open it again to sync"));
        }
        return future;
    }

    /**
     * A sync's future: {@code cancel} stops the work where it is (the store keeps its last
     * complete state) unless it is already committing its result, in which case it returns false
     * and the work completes.
     */
    static final class SyncFuture<T> extends CompletableFuture<T> {
        static final int RUNNING = 0;
        static final int COMMITTING = 1;
        static final int CANCELLED = 2;
        static final int DONE = 3;

        final AtomicInteger phase = new AtomicInteger(RUNNING);
        private final Cancellation cancellation;

        SyncFuture(Cancellation cancellation) {
            this.cancellation = cancellation;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (!phase.compareAndSet(RUNNING, CANCELLED)) {
                return isCancelled();
            }
            cancellation.cancel();
            return super.cancel(mayInterruptIfRunning);
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        http.close();
    }
}
