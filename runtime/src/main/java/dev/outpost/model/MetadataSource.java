package dev.outpost.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a {@code $metadata} document comes from: a file, a classpath resource, a stream, or a
 * service URL fetched with request headers (for example {@code Authorization}).
 */
public final class MetadataSource {

    /** Reads the document's bytes. */
    @FunctionalInterface
    private interface Loader {
        byte[] load() throws IOException;
    }

    private final String name;
    private final Loader loader;

    private MetadataSource(String name, Loader loader) {
        this.name = name;
        this.loader = loader;
    }

    /** A document in a file. */
    public static MetadataSource file(Path path) {
        Objects.requireNonNull(path, "path");
        return new MetadataSource(path.toString(), () -> {
            try {
                return Files.readAllBytes(path);
            } catch (NoSuchFileException e) {
                throw new MetadataException(new SourceLocation(path.toString(), 0, 0),
                        "file not found; pass the path of a $metadata XML document");
            }
        });
    }

    /** A resource on the context class loader (or this library's loader), for example {@code metadata/service.xml}. */
    public static MetadataSource classpath(String resource) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return classpath(loader != null ? loader : MetadataSource.class.getClassLoader(), resource);
    }

    /** A resource on the given class loader. */
    public static MetadataSource classpath(ClassLoader classLoader, String resource) {
        Objects.requireNonNull(resource, "resource");
        String name = "classpath:" + resource;
        return new MetadataSource(name, () -> {
            try (InputStream in = classLoader.getResourceAsStream(resource.startsWith("/") ? resource.substring(1) : resource)) {
                if (in == null) {
                    throw new MetadataException(new SourceLocation(name, 0, 0),
                            "no such resource on the classpath; check the resource path and that it is packaged");
                }
                return in.readAllBytes();
            }
        });
    }

    /** A document read from a stream; {@code name} is used in error messages. The stream is not closed. */
    public static MetadataSource stream(String name, InputStream in) {
        Objects.requireNonNull(in, "in");
        return new MetadataSource(name, in::readAllBytes);
    }

    /** A document already in memory; {@code name} is used in error messages. */
    public static MetadataSource bytes(String name, byte[] document) {
        byte[] copy = document.clone();
        return new MetadataSource(name, () -> copy);
    }

    /** A service's {@code $metadata} URL, fetched without extra headers. */
    public static MetadataSource url(URI uri) {
        return url(uri, Map.of());
    }

    /**
     * A service's {@code $metadata} URL, fetched with these request headers. Header values are
     * never put into error messages.
     */
    public static MetadataSource url(URI uri, Map<String, String> headers) {
        Objects.requireNonNull(uri, "uri");
        Map<String, String> copy = new LinkedHashMap<>(headers);
        String name = uri.toString();
        return new MetadataSource(name, () -> fetch(uri, copy, name));
    }

    /** The name used in locations and error messages. */
    public String name() {
        return name;
    }

    /**
     * Reads the document's bytes.
     *
     * @throws MetadataException if it cannot be read
     */
    public byte[] load() {
        try {
            return loader.load();
        } catch (IOException e) {
            throw new MetadataException(new SourceLocation(name, 0, 0),
                    "cannot read: " + e.getMessage() + "; check that the source exists and is readable", e);
        } catch (UncheckedIOException e) {
            throw new MetadataException(new SourceLocation(name, 0, 0),
                    "cannot read: " + e.getCause().getMessage(), e);
        }
    }

    private static byte[] fetch(URI uri, Map<String, String> headers, String name) throws IOException {
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/xml");
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = client.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new MetadataException(new SourceLocation(name, 0, 0), "the server answered HTTP "
                        + response.statusCode() + " instead of 200; check the URL"
                        + (response.statusCode() == 401 || response.statusCode() == 403
                        ? " and the credentials passed as headers" : ""));
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching", e);
        } catch (java.net.ConnectException e) {
            throw new MetadataException(new SourceLocation(name, 0, 0),
                    "connection refused; check that the service is running and the URL is right", e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
