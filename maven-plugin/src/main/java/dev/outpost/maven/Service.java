package dev.outpost.maven;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code <service>} of the plugin's configuration:
 * <pre>{@code
 * <service>
 *   <metadata>src/main/outpost/Field/metadata.xml</metadata>   <!-- or <url>, fetched once into <metadata> -->
 *   <packageName>com.example.field</packageName>
 *   <name>Field</name>                                         <!-- FieldService, FieldMetadata, src/main/outpost/Field -->
 * </service>
 * }</pre>
 */
public class Service {

    /** The {@code $metadata} file, relative to the project directory; where a {@link #url} is saved. */
    private String metadata;

    /** A service's {@code $metadata} URL, fetched once into {@link #metadata} and never again while that file exists. */
    private String url;

    /** Request headers for fetching the URL, for example {@code Authorization}; values are never logged. */
    private Map<String, String> headers = new LinkedHashMap<>();

    /** The Java package of the entity container's schema. */
    private String packageName;

    /** The service name: stem of the service and metadata class names and name of its schema history directory. */
    private String name;

    /** Creates an empty service; Maven fills it from the configuration. */
    public Service() {
    }

    /** A service from its parts (for tests and programmatic use). */
    public Service(String metadata, String url, Map<String, String> headers, String packageName, String name) {
        this.metadata = metadata;
        this.url = url;
        this.headers = headers == null ? new LinkedHashMap<>() : new LinkedHashMap<>(headers);
        this.packageName = packageName;
        this.name = name;
    }

    /** The configured {@code $metadata} file, or null. */
    public String getMetadata() {
        return metadata;
    }

    /** The configured URL, or null. */
    public String getUrl() {
        return url;
    }

    /** The request headers for the URL. */
    public Map<String, String> getHeaders() {
        return headers == null ? Map.of() : headers;
    }

    /** The configured Java package, or null. */
    public String getPackageName() {
        return packageName;
    }

    /** The configured service name, or null. */
    public String getName() {
        return name;
    }

    @Override
    public String toString() {
        return (name != null ? name : "service") + "(" + (metadata != null ? metadata : url) + ")";
    }
}
