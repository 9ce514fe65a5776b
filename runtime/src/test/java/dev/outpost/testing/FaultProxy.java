package dev.outpost.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A fault-injecting HTTP/1.1 proxy on 127.0.0.1 for tests of network faults (R2): it forwards
 * requests to a target port and, as scripted per request, resets the connection before
 * forwarding, resets it after the server answered (the server committed, the client sees a
 * dropped connection), truncates the response body, delays the request or the response past the
 * client's timeout, or answers by itself (5xx, 429 with {@code Retry-After}).
 *
 * <pre>{@code
 * try (FieldServiceBackend backend = FieldServiceBackend.start();
 *      FaultProxy proxy = FaultProxy.start(backend.serviceRoot())) {
 *     URI root = proxy.rewrite(backend.serviceRoot());            // the same service, through the proxy
 *     proxy.on(FaultProxy.request("POST", "/odata/$batch"), FaultProxy.Fault.resetAfterResponse(), 1);
 *     proxy.on(FaultProxy.any(), FaultProxy.Fault.respond(503, 2), 3); // then a burst of three 503s
 *     ... run the client against root ...
 *     assertThat(proxy.exchanges()).extracting(FaultProxy.Exchange::fault) ...
 * }
 * }</pre>
 *
 * <p>Rules are tried in the order they were added; a rule with a count applies that many times
 * and then drops out; requests no rule matches are forwarded. A {@link #chooser} decides for
 * requests no rule matched, for seeded random fault runs. The proxy keeps client connections
 * alive and uses one connection to the target per client connection, so a fault on one request
 * of a kept-alive connection is what a real client sees. Request and response bodies (fixed
 * length, chunked, or until close) are buffered whole.
 */
public final class FaultProxy implements AutoCloseable {

    /** A request as the proxy saw it. */
    public record Request(int connection, int indexOnConnection, String method, String target,
                          Map<String, String> headers, byte[] body) {
        /** The path of the request target, without the query. */
        public String path() {
            int q = target.indexOf('?');
            return q < 0 ? target : target.substring(0, q);
        }

        /** A header by name, case-insensitively, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public String toString() {
            return method + " " + target + " (connection " + connection + ", request " + indexOnConnection + ")";
        }
    }

    /** What the proxy does with one request. */
    public sealed interface Fault {
        /** Forward the request and the response unchanged. */
        static Fault pass() {
            return Pass.INSTANCE;
        }

        /** Reset the client connection (TCP RST) without forwarding: the server never sees the request. */
        static Fault resetBeforeForwarding() {
            return new ResetBeforeForwarding();
        }

        /** Forward, read the whole response, then reset the client connection: the server committed, the client cannot know. */
        static Fault resetAfterResponse() {
            return new ResetAfterResponse();
        }

        /** Forward, then send the response's head and only the first {@code bytes} bytes of its body, and reset. */
        static Fault truncateBody(int bytes) {
            return new TruncateBody(bytes);
        }

        /** Hold the request for {@code delay}, then forward it anyway (a late delivery) and answer if the client still listens. */
        static Fault delayRequest(Duration delay) {
            return new DelayRequest(delay);
        }

        /** Forward at once (the server acts), then hold the response for {@code delay} before sending it. */
        static Fault delayResponse(Duration delay) {
            return new DelayResponse(delay);
        }

        /** Answer by itself without forwarding: {@code status} with a {@code Retry-After} of the given seconds (negative: none). */
        static Fault respond(int status, int retryAfterSeconds) {
            Map<String, String> headers = new LinkedHashMap<>();
            if (retryAfterSeconds >= 0) {
                headers.put("Retry-After", Integer.toString(retryAfterSeconds));
            }
            headers.put("Content-Type", "application/json");
            return new Respond(status, headers, "{\"error\":{\"code\":\"" + status + "\",\"message\":\"injected by FaultProxy\"}}");
        }

        /**
         * Forward, then answer with the response's body (its content, as UTF-8 text) rewritten by
         * {@code rewrite}, framed by a new {@code Content-Length}: a back end that sends garbage.
         */
        static Fault rewriteBody(UnaryOperator<String> rewrite) {
            return new RewriteBody(rewrite);
        }

        /** Answer by itself with this status, headers and body. */
        static Fault respond(int status, Map<String, String> headers, String body) {
            return new Respond(status, Map.copyOf(headers), body);
        }
    }

    /** See {@link Fault#pass()}. */
    public enum Pass implements Fault { INSTANCE }

    /** See {@link Fault#resetBeforeForwarding()}. */
    public record ResetBeforeForwarding() implements Fault {
    }

    /** See {@link Fault#resetAfterResponse()}. */
    public record ResetAfterResponse() implements Fault {
    }

    /** See {@link Fault#truncateBody(int)}. */
    public record TruncateBody(int bytes) implements Fault {
    }

    /** See {@link Fault#delayRequest(Duration)}. */
    public record DelayRequest(Duration delay) implements Fault {
    }

    /** See {@link Fault#delayResponse(Duration)}. */
    public record DelayResponse(Duration delay) implements Fault {
    }

    /** See {@link Fault#rewriteBody(UnaryOperator)}. */
    public record RewriteBody(UnaryOperator<String> rewrite) implements Fault {
        @Override
        public String toString() {
            return "RewriteBody";
        }
    }

    /** See {@link Fault#respond(int, Map, String)}. */
    public record Respond(int status, Map<String, String> headers, String body) implements Fault {
    }

    /**
     * One request and what happened to it.
     *
     * @param request the request
     * @param fault the fault applied
     * @param upstreamStatus the target's status, or -1 when the request was not forwarded (or no answer came)
     */
    public record Exchange(Request request, Fault fault, int upstreamStatus) {
    }

    /** Requests with this method whose path is {@code path} (exactly) or, with a trailing {@code *}, starts with it. */
    public static Predicate<Request> request(String method, String path) {
        boolean prefix = path.endsWith("*");
        String p = prefix ? path.substring(0, path.length() - 1) : path;
        return r -> r.method().equalsIgnoreCase(method) && (prefix ? r.path().startsWith(p) : r.path().equals(p));
    }

    /** Every request. */
    public static Predicate<Request> any() {
        return r -> true;
    }

    private static final class Rule {
        final Predicate<Request> matcher;
        final Fault fault;
        int remaining;

        Rule(Predicate<Request> matcher, Fault fault, int times) {
            this.matcher = matcher;
            this.fault = fault;
            this.remaining = times;
        }
    }

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Rule> rules = new ArrayList<>();
    private volatile Function<Request, Fault> chooser = r -> Fault.pass();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closed;

    private FaultProxy(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    /** Starts a proxy on 127.0.0.1 and an ephemeral port that forwards to the host and port of {@code target}. */
    public static FaultProxy start(URI target) {
        return start(target.getHost(), target.getPort());
    }

    /** Starts a proxy on 127.0.0.1 and an ephemeral port that forwards to {@code host:port}. */
    public static FaultProxy start(String host, int port) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            FaultProxy proxy = new FaultProxy(server, new InetSocketAddress(host, port));
            Thread accept = new Thread(proxy::accept, "fault-proxy-accept-" + server.getLocalPort());
            accept.setDaemon(true);
            accept.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The proxy's port on 127.0.0.1. */
    public int port() {
        return server.getLocalPort();
    }

    /** The same URI with the proxy's host and port, for example a service root through the proxy. */
    public URI rewrite(URI uri) {
        return URI.create("http://127.0.0.1:" + port() + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    /** Applies {@code fault} to the next {@code times} requests that {@code matcher} accepts (0: to every one). */
    public FaultProxy on(Predicate<Request> matcher, Fault fault, int times) {
        synchronized (rules) {
            rules.add(new Rule(Objects.requireNonNull(matcher), Objects.requireNonNull(fault), times <= 0 ? -1 : times));
        }
        return this;
    }

    /** Applies these faults, one each, to the next requests, whatever they are. */
    public FaultProxy next(Fault... faults) {
        for (Fault f : faults) {
            on(any(), f, 1);
        }
        return this;
    }

    /** Decides the fault of every request no rule matched (by default: pass), e.g. from a seeded random source. */
    public FaultProxy chooser(Function<Request, Fault> chooser) {
        this.chooser = Objects.requireNonNull(chooser);
        return this;
    }

    /** Starts over: drops the rules, the chooser and the log of exchanges; requests pass again. */
    public FaultProxy clear() {
        synchronized (rules) {
            rules.clear();
        }
        chooser = r -> Fault.pass();
        exchanges.clear();
        return this;
    }

    /** Every request seen so far, in order, with its fault and the target's status. */
    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    private Fault faultFor(Request r) {
        synchronized (rules) {
            for (Rule rule : rules) {
                if (rule.remaining != 0 && rule.matcher.test(r)) {
                    if (rule.remaining > 0) {
                        rule.remaining--;
                    }
                    return rule.fault;
                }
            }
        }
        return chooser.apply(r);
    }

    // ---- connections ---------------------------------------------------------------------------------

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                int number = connections.incrementAndGet();
                open.add(client);
                Thread t = new Thread(() -> serve(client, number), "fault-proxy-" + port() + "-" + number);
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (!closed) {
                    // an accept that fails while running: try the next one
                    continue;
                }
            }
        }
    }

    private void serve(Socket client, int connection) {
        Socket upstream = null;
        try {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            for (int index = 1; !closed; index++) {
                Incoming incoming = readRequest(in, connection, index);
                if (incoming == null) {
                    return; // the client closed the connection
                }
                Request request = incoming.request();
                Fault fault = faultFor(request);
                if (fault instanceof ResetBeforeForwarding) {
                    exchanges.add(new Exchange(request, fault, -1));
                    reset(client);
                    return;
                }
                if (fault instanceof Respond respond) {
                    exchanges.add(new Exchange(request, fault, -1));
                    out.write(ownResponse(respond));
                    out.flush();
                    continue;
                }
                if (fault instanceof DelayRequest d) {
                    sleep(d.delay());
                }
                if (upstream == null || upstream.isClosed()) {
                    upstream = connect();
                }
                upstream.getOutputStream().write(incoming.raw());
                upstream.getOutputStream().flush();
                Response answer = readResponse(upstream.getInputStream(), request.method());
                exchanges.add(new Exchange(request, fault, answer == null ? -1 : answer.status()));
                if (answer == null) {
                    reset(client); // the target closed without answering: so does the proxy
                    return;
                }
                if (answer.closes()) {
                    close(upstream);
                }
                if (fault instanceof ResetAfterResponse) {
                    reset(client);
                    return;
                }
                if (fault instanceof TruncateBody t) {
                    out.write(answer.head());
                    out.write(answer.body(), 0, Math.min(t.bytes(), answer.body().length));
                    out.flush();
                    reset(client);
                    return;
                }
                if (fault instanceof DelayResponse d) {
                    sleep(d.delay());
                }
                if (fault instanceof RewriteBody w) {
                    out.write(rewritten(answer, w.rewrite()));
                    out.flush();
                    if (answer.closes()) {
                        return;
                    }
                    continue;
                }
                out.write(answer.head());
                out.write(answer.body());
                out.flush();
                if (answer.closes() || "close".equalsIgnoreCase(request.header("connection"))) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client or the target went away: nothing more to forward on this connection
        } finally {
            close(client);
            open.remove(client);
            if (upstream != null) {
                close(upstream);
                open.remove(upstream);
            }
        }
    }

    private Socket connect() throws IOException {
        Socket upstream = new Socket();
        upstream.connect(target);
        open.add(upstream);
        return upstream;
    }

    private static void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0); // close() now sends RST, not FIN
        } catch (SocketException ignored) {
            // already closed
        }
        close(socket);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket that is gone
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- HTTP/1.1 framing ----------------------------------------------------------------------------

    /** A request and its bytes as they came, to forward unchanged. */
    private record Incoming(Request request, byte[] raw) {
    }

    private static Incoming readRequest(InputStream in, int connection, int index) throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        String line = readLine(in, raw);
        while (line != null && line.isEmpty()) {
            line = readLine(in, raw); // tolerate empty lines between requests
        }
        if (line == null) {
            return null;
        }
        String[] parts = line.split(" ", 3);
        if (parts.length < 2) {
            throw new IOException("not an HTTP request line: " + line);
        }
        Map<String, String> headers = readHeaders(in, raw);
        byte[] body = readBody(in, raw, headers, false);
        return new Incoming(new Request(connection, index, parts[0], parts[1], Map.copyOf(headers), body), raw.toByteArray());
    }

    private record Response(int status, byte[] head, byte[] body, byte[] content, boolean closes) {
    }

    /** The response with its content rewritten, framed by Content-Length (other headers as they came). */
    private static byte[] rewritten(Response answer, UnaryOperator<String> rewrite) {
        byte[] content = rewrite.apply(new String(answer.content(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder();
        for (String line : new String(answer.head(), StandardCharsets.ISO_8859_1).split("\r\n")) {
            String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim().toLowerCase(Locale.ROOT) : "";
            if (!line.isEmpty() && !name.equals("content-length") && !name.equals("transfer-encoding")) {
                head.append(line).append("\r\n");
            }
        }
        head.append("Content-Length: ").append(content.length).append("\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static Response readResponse(InputStream in, String method) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        String status = readLine(in, head);
        if (status == null) {
            return null;
        }
        String[] parts = status.split(" ", 3);
        int code = parts.length > 1 ? Integer.parseInt(parts[1]) : 502;
        Map<String, String> headers = readHeaders(in, head);
        boolean noBody = method.equalsIgnoreCase("HEAD") || code / 100 == 1 || code == 204 || code == 304;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] content = readBody(in, body, headers, !noBody);
        boolean closes = "close".equalsIgnoreCase(headers.get("connection"))
                || (!headers.containsKey("content-length") && !headers.containsKey("transfer-encoding") && !noBody);
        return new Response(code, head.toByteArray(), body.toByteArray(), content, closes);
    }

    private byte[] ownResponse(Respond r) {
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(r.status()).append(' ').append(reason(r.status())).append("\r\n");
        r.headers().forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static String reason(int status) {
        return switch (status) {
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Injected";
        };
    }

    /** Reads a CRLF-terminated line (ISO-8859-1), copying its bytes to {@code copy}; null at end of stream. */
    private static String readLine(InputStream in, ByteArrayOutputStream copy) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            copy.write(c);
            if (c == '\n') {
                int n = line.length();
                return n > 0 && line.charAt(n - 1) == '\r' ? line.substring(0, n - 1) : line.toString();
            }
            line.append((char) c);
        }
        return line.length() == 0 ? null : line.toString();
    }

    private static Map<String, String> readHeaders(InputStream in, ByteArrayOutputStream copy) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        String line;
        while ((line = readLine(in, copy)) != null && !line.isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    /**
     * Reads a body framed by Content-Length or chunked encoding (or, for a response without
     * either, until the stream ends), copying the bytes as they came to {@code copy}; returns the
     * body's content (de-chunked).
     */
    private static byte[] readBody(InputStream in, ByteArrayOutputStream copy, Map<String, String> headers,
                                   boolean untilClose) throws IOException {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        String length = headers.get("content-length");
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            while (true) {
                String size = readLine(in, copy);
                if (size == null) {
                    throw new IOException("the chunked body ended early");
                }
                int n = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
                if (n == 0) {
                    String trailer;
                    while ((trailer = readLine(in, copy)) != null && !trailer.isEmpty()) {
                        // trailers are forwarded as they came
                    }
                    return content.toByteArray();
                }
                byte[] chunk = in.readNBytes(n);
                if (chunk.length < n) {
                    throw new IOException("a chunk ended early");
                }
                copy.writeBytes(chunk);
                content.writeBytes(chunk);
                readLine(in, copy);
            }
        }
        if (length != null) {
            int n = Integer.parseInt(length.trim());
            byte[] body = in.readNBytes(n);
            if (body.length < n) {
                throw new IOException("the body ended after " + body.length + " of " + n + " bytes");
            }
            copy.writeBytes(body);
            return body;
        }
        if (untilClose) {
            byte[] body = in.readAllBytes();
            copy.writeBytes(body);
            return body;
        }
        return new byte[0];
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing the listener
        }
        for (Socket s : open) {
            close(s);
        }
    }
}
