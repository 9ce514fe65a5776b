package dev.outpost.examples.app;

import dev.outpost.DefiningQuery;
import dev.outpost.DownloadResult;
import dev.outpost.EntityValue;
import dev.outpost.FailedRequest;
import dev.outpost.OfflineStore;
import dev.outpost.StoreOptions;
import dev.outpost.SyncListener;
import dev.outpost.SyncOptions;
import dev.outpost.SyncProgress;
import dev.outpost.UploadResult;
import dev.outpost.examples.app.field.FieldService;
import dev.outpost.model.ServiceModel;
import dev.outpost.query.DataQuery;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One device of the demo: an offline store file, the generated {@link FieldService} over it, and
 * what its syncs report (progress and rejected requests).
 */
final class Device implements AutoCloseable {

    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final OfflineStore store;
    private final FieldService service;
    private final URI serviceRoot;
    private final List<DefiningQuery> definingQueries;
    private final ProgressBar bar;
    private final List<FailedRequest> failures = new CopyOnWriteArrayList<>();

    private Device(String name, Path file, ServiceModel model, URI serviceRoot, List<DefiningQuery> definingQueries,
                   ProgressBar bar) {
        this.name = name;
        this.serviceRoot = serviceRoot;
        this.definingQueries = List.copyOf(definingQueries);
        this.bar = bar;
        SyncOptions sync = SyncOptions.of(serviceRoot)
                // the demo stops the back end on purpose: find out quickly instead of backing off for seconds
                .retries(2, Duration.ofMillis(500))
                .listener(new SyncListener() {
                    @Override
                    public void progress(SyncProgress progress) {
                        bar.progress(progress);
                    }

                    @Override
                    public void requestFailed(FailedRequest failure) {
                        failures.add(failure);
                    }
                });
        for (DefiningQuery q : definingQueries) {
            sync = sync.definingQuery(q);
        }
        this.store = OfflineStore.open(StoreOptions.of(file, model).sync(sync));
        this.service = new FieldService(store);
    }

    /** Opens (creating) the device's store file. */
    static Device open(String name, Path file, ServiceModel model, URI serviceRoot, List<DefiningQuery> definingQueries,
                       ProgressBar bar) {
        return new Device(name, file, model, serviceRoot, definingQueries, bar);
    }

    String name() {
        return name;
    }

    OfflineStore store() {
        return store;
    }

    FieldService service() {
        return service;
    }

    /**
     * Downloads every defining query. With {@code showProgress}, a progress bar runs over the
     * entities the back end counts for the queries: meant for a first, full download; later ones
     * follow delta links and bring only changes, whose number the back end does not tell in advance.
     */
    DownloadResult download(boolean showProgress) throws Exception {
        if (!showProgress) {
            return await(store.download(), "download");
        }
        long expected = 0;
        for (DefiningQuery q : definingQueries) {
            expected += serverCount(q.url());
        }
        bar.start("download", "entities", expected);
        try {
            return await(store.download(), "download");
        } finally {
            bar.finish();
        }
    }

    /** Uploads the request queue; with {@code showProgress}, a progress bar runs over the requests waiting in it. */
    UploadResult upload(boolean showProgress) throws Exception {
        if (!showProgress) {
            return await(store.upload(), "upload");
        }
        bar.start("upload", "requests", pendingRequests());
        try {
            return await(store.upload(), "upload");
        } finally {
            bar.finish();
        }
    }

    /** The request queue in the order the requests will be sent. */
    List<EntityValue> requestQueue() {
        return service.executeQuery(DataQuery.parse("RequestQueue?$orderby=RequestID")).entities();
    }

    /** Requests waiting to be sent (failed ones wait for a decision and are not counted). */
    long pendingRequests() {
        return requestQueue().stream().filter(r -> "pending".equals(r.getValue("Status"))).count();
    }

    /** The requests the back end rejected, waiting for a resolution. */
    List<EntityValue> errorArchive() {
        return service.executeQuery(DataQuery.parse("ErrorArchive?$orderby=ErrorID")).entities();
    }

    /** How many entities of the set the store holds. */
    long count(String entitySet) {
        Long n = service.executeQuery(DataQuery.from(entitySet).countOnly()).count();
        if (n == null) {
            throw new IllegalStateException("the store answered no count for " + entitySet + "/$count");
        }
        return n;
    }

    /** The rejected requests reported since the last call. */
    List<FailedRequest> takeFailures() {
        List<FailedRequest> taken = new ArrayList<>(failures);
        failures.clear();
        return taken;
    }

    /**
     * How many top-level entities a defining query returns now, asked of the back end with
     * {@code /$count} and the query's {@code $filter}: the total of the download's progress bar.
     */
    private long serverCount(String definingQuery) throws IOException, InterruptedException {
        int q = definingQuery.indexOf('?');
        String path = q < 0 ? definingQuery : definingQuery.substring(0, q);
        StringBuilder url = new StringBuilder(serviceRoot.toString()).append(path).append("/$count");
        if (q >= 0) {
            for (String option : definingQuery.substring(q + 1).split("&")) {
                if (option.startsWith("$filter=")) {
                    url.append("?$filter=").append(URLEncoder.encode(option.substring("$filter=".length()),
                            StandardCharsets.UTF_8).replace("+", "%20"));
                }
            }
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url.toString()))
                .timeout(Duration.ofSeconds(10)).header("Accept", "text/plain").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return Long.parseLong(response.body().strip());
    }

    private <T> T await(Future<T> future, String what) throws Exception {
        try {
            return future.get(SYNC_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new TimeoutException(name + ": the " + what + " did not finish within " + SYNC_TIMEOUT.toSeconds() + " s");
        }
    }

    @Override
    public void close() {
        store.close();
    }
}
