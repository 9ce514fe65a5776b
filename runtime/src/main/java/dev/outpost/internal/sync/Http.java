package dev.outpost.internal.sync;

import dev.outpost.SyncException;
import dev.outpost.SyncOptions;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store's HTTP client (S16): timeouts, retries of what the back end did not process (with
 * backoff and {@code Retry-After}), the CSRF token for back ends that demand one, and the
 * pluggable authentication. Credentials come from {@link dev.outpost.Authentication} for each
 * request and are never kept or written into a message. Response bodies are streamed.
 *
 * <p>It uses the JDK's {@link HttpClient} rather than the Olingo client's request classes:
 * those buffer error bodies, give no hook between "sent" and "answered", and their
 * {@code $batch} items want Olingo's entity objects, which would re-encode the queue's JSON
 * (instance annotations, {@code @odata.bind} to Content-IDs, decimals). See {@link Batch}.
 */
final class Http implements AutoCloseable {

    /** The request was sent but no answer came back: the back end may or may not have applied it. */
    static final class UnknownOutcome extends IOException {
        UnknownOutcome(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A response with a streamed body; close it. */
    static final class Response implements AutoCloseable {
        private final int status;
        private final HttpHeaders headers;
        private final InputStream body;
        private final URI uri;

        Response(int status, HttpHeaders headers, InputStream body, URI uri) {
            this.status = status;
            this.headers = headers;
            this.body = body;
            this.uri = uri;
        }

        int status() {
            return status;
        }

        URI uri() {
            return uri;
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        Map<String, List<String>> headers() {
            return headers.map();
        }

        InputStream body() {
            return body;
        }

        byte[] bytes() throws IOException {
            try (InputStream in = body) {
                return in.readAllBytes();
            }
        }

        String text() throws IOException {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            try {
                body.close();
            } catch (IOException ignored) {
                // closing an HTTP body cannot lose data
            }
        }
    }

    private static final String JSON = "application/json;odata.metadata=minimal";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final SyncOptions options;
    private final HttpClient client;
    private final java.util.concurrent.ExecutorService executor;
    private final AtomicLong roundTrips = new AtomicLong();
    private final IdleWatch watch;
    private volatile String csrfToken;

    Http(SyncOptions options) {
        this.options = options;
        CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER); // in memory only
        this.executor = java.util.concurrent.Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "outpost-http");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .executor(executor)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .cookieHandler(cookies)
                .build();
        this.watch = new IdleWatch(options.readTimeout());
    }

    /** HTTP requests made so far (retries and token fetches included). */
    long roundTrips() {
        return roundTrips.get();
    }

    /** The service root. */
    URI root() {
        return options.serviceRoot();
    }

    /** A GET of OData JSON, retried while the back end did not process it. */
    Response getJson(URI uri, Map<String, String> headers, Cancellation cancel) throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Accept", JSON);
        all.putAll(headers);
        return execute("GET", uri, all, null, cancel);
    }

    /** A GET of the service's {@code $metadata}. */
    Response getMetadata(Cancellation cancel) throws IOException {
        return execute("GET", options.serviceRoot().resolve("$metadata"), Map.of("Accept", "application/xml"), null,
                cancel);
    }

    /**
     * A modifying request. Retried only when the back end certainly did not process it
     * (connection refused, 503/429/502/504); a connection lost after sending throws
     * {@link UnknownOutcome}.
     */
    Response send(String method, URI uri, Map<String, String> headers, byte[] body, Cancellation cancel)
            throws IOException {
        return execute(method, uri, headers, body, cancel);
    }

    private Response execute(String method, URI uri, Map<String, String> headers, byte[] body, Cancellation cancel)
            throws IOException {
        boolean modifying = !method.equals("GET");
        boolean refreshedAuth = false;
        boolean fetchedToken = false;
        for (int attempt = 0; ; attempt++) {
            cancel.check();
            Response r;
            try {
                r = once(method, uri, headers, body, modifying, cancel);
            } catch (ConnectException | HttpConnectTimeoutException e) {
                if (attempt >= options.maxRetries()) {
                    throw new SyncException("cannot connect to " + origin(uri) + " (" + describe(e) + ") after "
                            + (attempt + 1) + " attempts; check the service root and the network, then sync again", e);
                }
                pause(backoff(attempt), cancel);
                continue;
            } catch (IOException e) {
                cancel.check();
                if (modifying) {
                    throw new UnknownOutcome(method + " " + uri + " was sent but no answer came (" + describe(e) + ")", e);
                }
                if (attempt >= options.maxRetries()) {
                    throw new SyncException("reading " + uri + " failed " + (attempt + 1) + " times (" + describe(e)
                            + "); check the network and download again: it resumes where it stopped", e);
                }
                pause(backoff(attempt), cancel);
                continue;
            }
            int status = r.status();
            if (status == 401 && !refreshedAuth) {
                refreshedAuth = true;
                Map<String, List<String>> challenge = r.headers();
                r.close();
                if (options.authentication().refresh(challenge)) {
                    attempt--;
                    continue;
                }
                throw new SyncException(401, "the back end refused the credentials (401) for " + method + " " + uri
                        + "; check the store's authentication");
            }
            if (status == 403 && modifying && "required".equalsIgnoreCase(r.header("X-CSRF-Token")) && !fetchedToken) {
                fetchedToken = true;
                r.close();
                fetchToken(cancel);
                attempt--;
                continue;
            }
            if (status == 503 || status == 429 || status == 502 || status == 504) {
                Duration wait = retryAfter(r.header("Retry-After"), attempt);
                r.close();
                if (attempt >= options.maxRetries()) {
                    throw new SyncException(status, "the back end answered " + status + " to " + method + " " + uri + " "
                            + (attempt + 1) + " times; it is busy or down, sync again later");
                }
                if (wait.compareTo(options.maxBackoff()) > 0) {
                    throw new SyncException(status, "the back end answered " + status + " to " + method + " " + uri
                            + " and asks to wait " + wait.toSeconds() + " s, longer than the " + options.maxBackoff()
                            .toSeconds() + " s allowed; sync again later");
                }
                pause(wait, cancel);
                continue;
            }
            return r;
        }
    }

    private Response once(String method, URI uri, Map<String, String> headers, byte[] body, boolean modifying,
                          Cancellation cancel) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(options.requestTimeout());
        b.header("OData-Version", "4.0");
        b.header("OData-MaxVersion", "4.0");
        options.headers().forEach(b::setHeader);
        headers.forEach(b::setHeader);
        options.authentication().headers().forEach(b::setHeader);
        String token = csrfToken;
        if (modifying && token != null) {
            b.setHeader("X-CSRF-Token", token);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        roundTrips.incrementAndGet();
        HttpResponse<InputStream> response;
        try {
            var future = client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            cancel.onCancel(() -> future.cancel(true));
            response = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for " + uri);
        } catch (java.util.concurrent.CancellationException e) {
            cancel.check();
            throw new IOException("the request to " + uri + " was cancelled", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause.getMessage(), cause);
        } finally {
            cancel.onCancel(null);
        }
        InputStream in = watch.wrap(response.body(), uri);
        cancel.onCancel(() -> {
            try {
                in.close();
            } catch (IOException ignored) {
                // cancelling
            }
        });
        return new Response(response.statusCode(), response.headers(), in, uri);
    }

    /** Fetches the CSRF token with {@code X-CSRF-Token: Fetch}. */
    private void fetchToken(Cancellation cancel) throws IOException {
        try (Response r = once("GET", options.serviceRoot(), Map.of("X-CSRF-Token", "Fetch", "Accept", JSON), null, false,
                cancel)) {
            String token = r.header("X-CSRF-Token");
            if (token == null || token.equalsIgnoreCase("required")) {
                throw new SyncException(r.status(), "the back end asks for a CSRF token but sent none when asked with"
                        + " X-CSRF-Token: Fetch (status " + r.status() + " from " + options.serviceRoot() + ")");
            }
            csrfToken = token;
        }
    }

    private Duration retryAfter(String header, int attempt) {
        if (header != null) {
            String h = header.trim();
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(h)));
            } catch (NumberFormatException notSeconds) {
                try {
                    Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(h, HTTP_DATE));
                    return d.isNegative() ? Duration.ZERO : d;
                } catch (DateTimeParseException notDate) {
                    // an unreadable Retry-After: fall back to backoff
                }
            }
        }
        return backoff(attempt);
    }

    private Duration backoff(int attempt) {
        long base = 200L << Math.min(attempt, 16);
        long jittered = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        return Duration.ofMillis(Math.min(jittered, options.maxBackoff().toMillis()));
    }

    private static void pause(Duration d, Cancellation cancel) throws IOException {
        long until = System.nanoTime() + d.toNanos();
        while (true) {
            cancel.check();
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                Thread.sleep(Math.min(100, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting to retry");
            }
        }
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }

    /** Formats an instant as an HTTP date (IMF-fixdate), for {@code Repeatability-First-Sent}. */
    static String httpDate(java.time.Instant instant) {
        return HTTP_DATE.format(instant.atZone(java.time.ZoneOffset.UTC)).replace("+0000", "GMT");
    }

    @Override
    public void close() {
        watch.close();
        executor.shutdownNow(); // Java 17's HttpClient has no close(); its threads are this executor's
    }

    /**
     * Closes response bodies that stall longer than the read timeout, so a back end that stops
     * sending mid-page fails the read instead of hanging the sync.
     */
    private static final class IdleWatch implements AutoCloseable {
        private final long limitNanos;
        private final java.util.Set<Watched> open = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final java.util.concurrent.ScheduledExecutorService timer;

        IdleWatch(Duration limit) {
            this.limitNanos = limit.toNanos();
            this.timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "outpost-read-timeout");
                t.setDaemon(true);
                return t;
            });
            long period = Math.max(10, Math.min(1000, limit.toMillis() / 4));
            timer.scheduleAtFixedRate(this::sweep, period, period, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        InputStream wrap(InputStream in, URI uri) {
            Watched w = new Watched(in, uri);
            open.add(w);
            return w;
        }

        private void sweep() {
            long now = System.nanoTime();
            for (Watched w : open) {
                if (now - w.last > limitNanos) {
                    w.expire();
                }
            }
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }

        private final class Watched extends FilterInputStream {
            private final URI uri;
            private volatile long last = System.nanoTime();
            private volatile boolean expired;

            Watched(InputStream in, URI uri) {
                super(in);
                this.uri = uri;
            }

            void expire() {
                expired = true;
                open.remove(this);
                try {
                    in.close();
                } catch (IOException ignored) {
                    // the reader sees the timeout
                }
            }

            private IOException timeout(IOException cause) {
                return new java.net.SocketTimeoutException("no data from " + uri + " for "
                        + Duration.ofNanos(limitNanos).toMillis() + " ms (read timeout)");
            }

            @Override
            public int read() throws IOException {
                try {
                    int b = super.read();
                    last = System.nanoTime();
                    return b;
                } catch (IOException e) {
                    throw expired ? timeout(e) : e;
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    int n = super.read(b, off, len);
                    last = System.nanoTime();
                    if (n < 0) {
                        open.remove(this);
                    }
                    return n;
                } catch (IOException e) {
                    throw expired ? timeout(e) : e;
                }
            }

            @Override
            public void close() throws IOException {
                open.remove(this);
                super.close();
            }
        }
    }

    /** Lower-case header lookup in a parsed header map. */
    static String header(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> e : headers.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
                return e.getValue();
            }
        }
        return null;
    }
}
