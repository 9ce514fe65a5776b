package dev.outpost.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A plain HTTP server on 127.0.0.1 and an ephemeral port that serves fixed responses by path. */
public final class LoopbackHttpServer implements AutoCloseable {

    /** A response: status, content type and body. */
    public record Response(int status, String contentType, byte[] body) {
    }

    private final HttpServer server;
    private final List<Map<String, List<String>>> requestHeaders = new CopyOnWriteArrayList<>();

    private LoopbackHttpServer(HttpServer server) {
        this.server = server;
    }

    /** Starts a server that answers each path from {@code routes} and 404 otherwise. */
    public static LoopbackHttpServer start(Map<String, Response> routes) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            LoopbackHttpServer s = new LoopbackHttpServer(server);
            server.createContext("/", exchange -> s.handle(exchange, routes));
            server.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange, Map<String, Response> routes) throws IOException {
        requestHeaders.add(Map.copyOf(exchange.getRequestHeaders()));
        Response r = routes.get(exchange.getRequestURI().getPath());
        if (r == null) {
            r = new Response(404, "text/plain", "not found".getBytes());
        }
        exchange.getResponseHeaders().add("Content-Type", r.contentType());
        exchange.sendResponseHeaders(r.status(), r.body().length == 0 ? -1 : r.body().length);
        if (r.body().length > 0) {
            exchange.getResponseBody().write(r.body());
        }
        exchange.close();
    }

    /** The URI of a path on this server. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Headers of every request received, in order. */
    public List<Map<String, List<String>>> requestHeaders() {
        return requestHeaders;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
