package dev.outpost.internal.sync;

import dev.outpost.DataRequestException;
import dev.outpost.FailedRequest;
import dev.outpost.SyncException;
import dev.outpost.SyncOptions;
import dev.outpost.SyncProgress;
import dev.outpost.UploadOptions;
import dev.outpost.UploadResult;
import dev.outpost.internal.store.LocalStore;
import dev.outpost.internal.store.UploadStore;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Uploads the request queue (S5–S12, S14) as {@code $batch} requests, FIFO, batch after batch,
 * until nothing sendable is left. Before anything is sent, requests whose earlier upload ended
 * with an unknown outcome are settled (S7): with a back end known to honour repeatability headers
 * they go out again under the same IDs; otherwise a GET establishes what the back end did, so a
 * create is never sent twice. Conflicts (412) fetch the server's state and merge by themselves
 * when both sides changed different properties (S8).
 */
final class Uploader {

    static final String CLIENT_ID = "sync.client-id";
    static final String REPEATABILITY = "sync.repeatability";

    private final Http http;
    private final LocalStore local;
    private final SyncOptions options;
    private final Cancellation cancel;

    Uploader(Http http, LocalStore local, SyncOptions options, Cancellation cancel) {
        this.http = http;
        this.local = local;
        this.options = options;
        this.cancel = cancel;
    }

    UploadResult run(UploadOptions selection, long horizon) throws IOException {
        long start = System.nanoTime();
        long tripsBefore = http.roundTrips();
        UploadStore store = local.upload();
        String clientId = local.meta(CLIENT_ID);
        if (clientId == null) {
            clientId = UUID.randomUUID().toString();
            local.meta(CLIENT_ID, clientId);
        }
        Set<Long> selected = store.select(selection.categories(), selection.entities());
        settleInDoubt(store);
        UploadStore.Settings settings = new UploadStore.Settings(options.isRequestQueueOptimization(),
                options.isUndoLocalCreation(), options.isTransactionBuilder(), options.isRepeatableRequests(),
                options.requestsPerBatch());
        long total = store.pendingCount(selected, horizon);
        options.listener().progress(new SyncProgress(SyncProgress.Phase.UPLOAD, null, 0, 0, total, 0));
        long[] dropped = {0};
        long succeeded = 0;
        long sent = 0;
        List<FailedRequest> failures = new ArrayList<>();
        while (true) {
            cancel.check();
            UploadStore.Wave wave = store.nextWave(selected, horizon, settings, clientId, dropped);
            if (wave == null) {
                break;
            }
            if (wave.units().isEmpty()) {
                continue; // units that could never be sent were failed; plan again
            }
            List<List<UploadStore.Answer>> answers = send(store, wave);
            if (answers == null) {
                continue; // the outcome was unknown and has been settled: plan again
            }
            UploadStore.Recorded recorded;
            try {
                recorded = store.record(wave, answers);
            } catch (DataRequestException e) {
                // the back end processed the batch, but an answer holds what the store cannot take (a
                // key or value of the wrong form): nothing of the wave was recorded; settle like a lost answer
                settleInDoubt(store);
                throw new SyncException(502, "the back end's answer to the $batch holds what the store cannot take ("
                        + e.getMessage() + "); the requests were checked against the back end and stay queued where needed");
            }
            if (recorded.repeatabilityAccepted() && !"accepted".equals(local.meta(REPEATABILITY))) {
                local.meta(REPEATABILITY, "accepted");
            }
            succeeded += recorded.succeeded();
            sent += wave.requests();
            for (FailedRequest f : recorded.failed()) {
                failures.add(f);
            }
            for (long conflict : recorded.conflicts()) {
                if (!mergeConflict(store, conflict)) {
                    continue;
                }
                failures.removeIf(f -> f.requestId() == conflict);
            }
            options.listener().progress(new SyncProgress(SyncProgress.Phase.UPLOAD, null, 0, sent,
                    Math.max(total, sent), 0));
        }
        for (FailedRequest f : failures) {
            options.listener().requestFailed(f);
        }
        long heldBack = store.heldBack(selected);
        UploadResult result = new UploadResult(succeeded, failures.size(), heldBack, dropped[0],
                http.roundTrips() - tripsBefore, Downloader.since(start));
        local.logEvent("Upload", null); // Q7/S17: the seed's Upload event has no details; UploadResult has the counts
        return result;
    }

    /** Sends a wave; returns the answers per unit, or null when the outcome was unknown and has been settled. */
    private List<List<UploadStore.Answer>> send(UploadStore store, UploadStore.Wave wave) throws IOException {
        String boundary = Batch.boundary("batch");
        List<Batch.Item> items = new ArrayList<>();
        for (UploadStore.Unit u : wave.units()) {
            List<Batch.Part> parts = new ArrayList<>();
            for (UploadStore.Part p : u.parts()) {
                parts.add(new Batch.Part(p.method(), p.url(), p.headers(), p.body(), p.contentId()));
            }
            items.add(new Batch.Item(parts, u.changeSet()));
        }
        byte[] body = Batch.write(boundary, items);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "multipart/mixed; boundary=" + boundary);
        headers.put("Accept", "multipart/mixed");
        URI batch = http.root().resolve("$batch");
        boolean repeatable = options.isRepeatableRequests() && "accepted".equals(local.meta(REPEATABILITY));
        for (int attempt = 0; ; attempt++) {
            try (Http.Response r = http.send("POST", batch, headers, body, cancel)) {
                if (r.status() != 200 && r.status() != 202) {
                    String error = Responses.errorText(r);
                    store.unsent(wave);
                    throw new SyncException(r.status(), "the back end refused the $batch with " + r.status()
                            + (error.isEmpty() ? "" : " (" + error + ")") + "; nothing of it was applied, and the requests"
                            + " stay queued");
                }
                byte[] bytes = r.bytes();
                try {
                    List<List<UploadStore.Answer>> answers = new ArrayList<>();
                    for (List<Batch.PartResponse> item : Batch.read(r.header("Content-Type"), bytes)) {
                        List<UploadStore.Answer> unit = new ArrayList<>();
                        for (Batch.PartResponse p : item) {
                            unit.add(new UploadStore.Answer(p.status(), p.headers(), p.body(), p.contentId()));
                        }
                        answers.add(unit);
                    }
                    return answers;
                } catch (Batch.MalformedBatch e) {
                    // the back end processed the batch, but its answer cannot be read: settle like a lost answer
                    settleInDoubt(store);
                    throw new SyncException(502, "the back end's answer to the $batch cannot be read (" + e.getMessage()
                            + "); the requests were checked against the back end and stay queued where needed");
                }
            } catch (SyncException e) {
                if (e.status() != 502) {
                    store.unsent(wave); // the transport gave up before the back end processed the batch
                }
                throw e;
            } catch (Http.UnknownOutcome e) {
                cancel.check();
                if (repeatable && attempt < options.maxRetries()) {
                    continue; // the same requests under the same Repeatability-Request-IDs: the back end runs each once
                }
                settleInDoubt(store);
                if (attempt >= options.maxRetries()) {
                    throw new SyncException("the connection to " + batch + " broke after sending, " + (attempt + 1)
                            + " times; what the back end did has been checked and recorded, the rest stays queued", e);
                }
                return null;
            }
        }
    }

    /**
     * S7: requests sent without an answer. With repeatability honoured (or when resending is
     * harmless) they simply go again; otherwise a GET shows whether the back end applied them.
     */
    private void settleInDoubt(UploadStore store) throws IOException {
        boolean repeatable = options.isRepeatableRequests() && "accepted".equals(local.meta(REPEATABILITY));
        for (UploadStore.InDoubt d : store.inDoubt()) {
            cancel.check();
            if (repeatable || d.url() == null) {
                store.settle(d.request(), 0, null);
                continue;
            }
            try (Http.Response r = http.getJson(Urls.resolve(http.root(), d.url()), Map.of(), cancel)) {
                if (r.status() != 200 && r.status() != 404) {
                    // the check itself failed: "not applied" would send a request again that may have
                    // been applied (a create twice); it stays in doubt for the next upload to check
                    throw new SyncException(r.status(), "checking what the back end did with requests whose answer"
                            + " was lost: GET " + d.url() + " answered " + r.status() + "; they stay in doubt and are"
                            + " checked again on the next upload");
                }
                store.settle(d.request(), r.status(), r.bytes());
            }
        }
    }

    /** Fetches the server's state for a conflict; returns whether it merged by itself. */
    private boolean mergeConflict(UploadStore store, long requestId) throws IOException {
        String url = store.entityUrl(requestId);
        if (url == null) {
            return false;
        }
        try (Http.Response r = http.getJson(Urls.resolve(http.root(), url), Map.of(), cancel)) {
            if (r.status() != 200) {
                return false;
            }
            return store.conflict(requestId, r.bytes());
        }
    }
}
