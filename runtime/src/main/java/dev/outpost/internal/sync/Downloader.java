package dev.outpost.internal.sync;

import dev.outpost.DataRequestException;
import dev.outpost.DefiningQuery;
import dev.outpost.DownloadResult;
import dev.outpost.SyncException;
import dev.outpost.SyncListener;
import dev.outpost.SyncProgress;
import dev.outpost.internal.store.SyncStore;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Downloads defining queries (S1–S3, S15): follows next links page by page, stages each page's
 * entities as they are parsed, uses a delta link where the back end gave one (falling back to a
 * full download when it expired), resumes an interrupted download from its last complete page,
 * and finally publishes every query in one transaction.
 */
final class Downloader {

    private static final int CHUNK = 1000;

    private final Http http;
    private final SyncStore store;
    private final SyncListener listener;
    private final int pageSize;
    private final Cancellation cancel;
    private final PageReader reader = new PageReader(dev.outpost.internal.store.ValueCodec.JSON);
    private long entities;
    private long pages;
    private long bytes;

    Downloader(Http http, SyncStore store, SyncListener listener, int pageSize, Cancellation cancel) {
        this.http = http;
        this.store = store;
        this.listener = listener;
        this.pageSize = pageSize;
        this.cancel = cancel;
    }

    /** What was downloaded, before publishing. */
    record Staged(List<SyncStore.Ready> ready, int delta) {
    }

    /** Downloads (stages) the named defining queries, or all when {@code names} is empty. */
    Staged download(List<String> names) throws IOException {
        try (Stager s = new Stager()) {
            stager = s;
            return downloadAll(names);
        } finally {
            stager = null;
        }
    }

    private Stager stager;

    private Staged downloadAll(List<String> names) throws IOException {
        List<SyncStore.Cursor> selected = select(names);
        List<SyncStore.Ready> ready = new ArrayList<>();
        int delta = 0;
        for (SyncStore.Cursor cursor : selected) {
            cancel.check();
            if (cursor.kind() == DefiningQuery.Kind.CLEAR) {
                ready.add(new SyncStore.Ready(cursor.name(), null));
                continue;
            }
            String deltaLink = downloadOne(cursor);
            stager.drain();
            if (store.cursor(cursor.name()).delta()) {
                delta++;
            }
            ready.add(new SyncStore.Ready(cursor.name(), deltaLink));
        }
        return new Staged(ready, delta);
    }

    long entities() {
        return entities;
    }

    long pages() {
        return pages;
    }

    private List<SyncStore.Cursor> select(List<String> names) {
        List<SyncStore.Cursor> all = store.cursors();
        if (names.isEmpty()) {
            if (all.isEmpty()) {
                throw new SyncException(0, "the store has no defining queries; give them in SyncOptions.definingQuery(...)"
                        + " so that a download knows what to bring");
            }
            return all;
        }
        Map<String, SyncStore.Cursor> byName = new LinkedHashMap<>();
        all.forEach(c -> byName.put(c.name(), c));
        List<SyncStore.Cursor> out = new ArrayList<>();
        for (String n : names) {
            SyncStore.Cursor c = byName.get(n);
            if (c == null) {
                throw new SyncException(0, "the store has no defining query named '" + n + "'; it has " + byName.keySet());
            }
            out.add(c);
        }
        return out;
    }

    /** Stages one defining query; returns the delta link its last page carried, or null. */
    private String downloadOne(SyncStore.Cursor cursor) throws IOException {
        String name = cursor.name();
        int page;
        URI next;
        if (cursor.inProgress()) {
            page = store.resume(name);
            next = Urls.resolve(http.root(), cursor.nextLink());
        } else if (cursor.deltaLink() != null) {
            store.start(name, cursor.deltaLink(), true);
            page = 0;
            next = Urls.resolve(http.root(), cursor.deltaLink());
        } else {
            URI first = Urls.resolve(http.root(), cursor.url());
            store.start(name, first.toString(), false);
            page = 0;
            next = first;
        }
        boolean delta = store.cursor(name).delta();
        boolean resumed = cursor.inProgress();
        String deltaLink = null;
        while (next != null) {
            cancel.check();
            Map<String, String> headers = new LinkedHashMap<>();
            List<String> prefer = new ArrayList<>();
            if (pageSize > 0) {
                prefer.add("odata.maxpagesize=" + pageSize);
            }
            if (!delta) {
                prefer.add("odata.track-changes");
            }
            if (!prefer.isEmpty()) {
                headers.put("Prefer", String.join(", ", prefer));
            }
            PageReader.Links links;
            try (Http.Response r = http.getJson(next, headers, cancel)) {
                if (r.status() != 200) {
                    String error = Responses.errorText(r);
                    boolean gone = r.status() == 410 || r.status() == 400 || r.status() == 404;
                    if (resumed && gone) {
                        // the next link an interrupted download kept no longer works (expired, or never
                        // valid): start the query over, once, rather than fail at it on every download
                        resumed = false;
                        stager.drain();
                        delta = cursor.deltaLink() != null;
                        next = Urls.resolve(http.root(), delta ? cursor.deltaLink() : cursor.url());
                        store.start(name, next.toString(), delta);
                        page = 0;
                        continue;
                    }
                    if (delta && page == 0 && gone) {
                        // the delta link expired or the back end stopped tracking changes: download everything
                        stager.drain();
                        store.start(name, Urls.resolve(http.root(), cursor.url()).toString(), false);
                        delta = false;
                        next = Urls.resolve(http.root(), cursor.url());
                        continue;
                    }
                    throw new SyncException(r.status(), "downloading defining query '" + name + "': GET " + next
                            + " answered " + r.status() + (error.isEmpty() ? "" : " (" + error + ")")
                            + "; the store is unchanged");
                }
                int pageNo = page + 1;
                List<List<SyncStore.Staged>> chunk = new ArrayList<>(List.of(new ArrayList<>(CHUNK)));
                InputStream body = counting(r.body());
                links = reader.read(body, "defining query '" + name + "' (GET " + next + ")", (entity, removed) -> {
                    cancel.check();
                    chunk.get(0).add(new SyncStore.Staged(removed, entity));
                    entities++;
                    if (chunk.get(0).size() >= CHUNK) {
                        stage(name, pageNo, chunk.set(0, new ArrayList<>(CHUNK)));
                        progress(name);
                    }
                });
                stage(name, pageNo, chunk.get(0));
            } catch (IOException e) {
                cancel.check();
                throw new SyncException("downloading defining query '" + name + "' stopped while reading " + next + " ("
                        + Http.describe(e) + "); download again to resume from page " + (page + 1), e);
            } catch (DataRequestException e) {
                // a value the model does not allow (a malformed date, a string for a number, ...): the back end's fault
                throw new SyncException(502, "downloading defining query '" + name + "': GET " + next + " sent what the"
                        + " model does not allow (" + e.getMessage() + "); the store is unchanged");
            }
            resumed = false;
            page++;
            pages++;
            next = links.next() == null ? null : sameService(name, Urls.resolve(http.root(), links.next()));
            if (links.delta() != null) {
                sameService(name, Urls.resolve(http.root(), links.delta()));
            }
            int done = page;
            String nextLink = next == null ? null : next.toString();
            stager.submit(() -> store.pageDone(name, done, nextLink)); // after the page's chunks: a resume starts after it
            if (links.delta() != null) {
                deltaLink = links.delta();
            }
            progress(name);
        }
        return deltaLink;
    }

    /**
     * Converts a chunk of a page here and hands it to the stager to write, so that converting and
     * writing share the work of a page; a value the model does not allow fails the download.
     */
    private void stage(String name, int page, List<SyncStore.Staged> entities) {
        if (!entities.isEmpty()) {
            SyncStore.Chunk chunk = store.prepare(name, page, entities);
            stager.submit(() -> store.stage(chunk));
        }
    }

    /**
     * Stages chunks of pages on a thread of its own, in order, so that converting and writing one
     * page overlaps with the back end producing the next; at most {@link #IN_FLIGHT} chunks wait,
     * so memory stays flat however large the download. The first failure stops the staging and is
     * thrown on the downloading thread at its next hand-over (or {@link #drain}); closing waits
     * for what was handed over, so nothing is staged after the download returns.
     */
    private static final class Stager implements AutoCloseable {
        private static final int IN_FLIGHT = 3;
        private final java.util.concurrent.ExecutorService thread = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "outpost-stage");
            t.setDaemon(true);
            return t;
        });
        private final java.util.concurrent.Semaphore room = new java.util.concurrent.Semaphore(IN_FLIGHT);
        private volatile RuntimeException failure;

        void submit(Runnable work) {
            rethrow();
            room.acquireUninterruptibly();
            thread.execute(() -> {
                try {
                    if (failure == null) {
                        work.run();
                    }
                } catch (RuntimeException e) {
                    failure = e;
                } catch (Error e) {
                    failure = new IllegalStateException("staging failed: " + e, e);
                } finally {
                    room.release();
                }
            });
        }

        /** Waits until everything handed over is staged; throws the first failure. */
        void drain() {
            room.acquireUninterruptibly(IN_FLIGHT);
            room.release(IN_FLIGHT);
            rethrow();
        }

        private void rethrow() {
            RuntimeException e = failure;
            if (e != null) {
                throw e;
            }
        }

        @Override
        public void close() {
            room.acquireUninterruptibly(IN_FLIGHT);
            thread.shutdown();
        }
    }

    /**
     * A next or delta link must stay with the service: one to another host (a garbled answer, or
     * worse) would be kept as the cursor and followed, with the service's credentials, on every
     * later download.
     */
    private URI sameService(String name, URI link) {
        URI root = http.root();
        if (!root.getScheme().equalsIgnoreCase(String.valueOf(link.getScheme()))
                || !root.getHost().equalsIgnoreCase(String.valueOf(link.getHost())) || root.getPort() != link.getPort()) {
            throw new SyncException(502, "downloading defining query '" + name + "': the back end's next or delta link "
                    + link + " leaves the service at " + root + "; the page was not kept, download again");
        }
        return link;
    }

    private void progress(String name) {
        listener.progress(new SyncProgress(SyncProgress.Phase.DOWNLOAD, name, entities, 0, 0, bytes));
    }

    private InputStream counting(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    bytes++;
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    bytes += n;
                }
                return n;
            }
        };
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** The result of a download whose pages are published. */
    static DownloadResult result(List<SyncStore.Ready> ready, long entities, SyncStore.Published published, long pages,
                                 int delta, int schemaVersion, long startNanos) {
        return new DownloadResult(ready.stream().map(SyncStore.Ready::name).toList(), entities, published.removed(), pages,
                delta, schemaVersion, since(startNanos));
    }
}
