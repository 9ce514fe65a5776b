package dev.outpost.maven;

import dev.outpost.model.MetadataSource;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where each configured service's {@code $metadata} is read from. A file is read as it is; a URL
 * is fetched once into the source tree (the service's {@code metadata} file, by default
 * {@code src/main/outpost/<name>/metadata.xml}) and never again while that file exists, so that
 * builds are reproducible and work offline; deleting the file fetches it again.
 */
final class ServiceSources {

    private ServiceSources() {
    }

    /**
     * The file a service's document is read from, fetching its URL first if the file is missing.
     *
     * @throws MojoExecutionException if the configuration names no document, or the URL cannot be fetched
     */
    static Path file(Service service, int index, Path basedir, Path schemaDirectory, Log log) throws MojoExecutionException {
        String where = "service " + (index + 1) + " (" + service + ")";
        if (service.getPackageName() == null || service.getPackageName().isBlank()) {
            throw new MojoExecutionException(where + " has no <packageName>; give the Java package of its generated"
                    + " classes, for example <packageName>com.example.field</packageName>");
        }
        if (service.getMetadata() == null && service.getUrl() == null) {
            throw new MojoExecutionException(where + " names no $metadata; give <metadata>path/to/metadata.xml</metadata>"
                    + " or <url>https://host/service/$metadata</url>");
        }
        Path file;
        if (service.getMetadata() != null) {
            file = basedir.resolve(service.getMetadata()).normalize();
        } else if (service.getName() != null) {
            file = schemaDirectory.resolve(service.getName()).resolve("metadata.xml");
        } else {
            throw new MojoExecutionException(where + " has a <url> but no <name> or <metadata>: the document is saved"
                    + " once into the source tree, so give <name> (it goes to src/main/outpost/<name>/metadata.xml) or"
                    + " <metadata> with the file to save it to");
        }
        if (service.getUrl() != null && !Files.isRegularFile(file)) {
            fetch(service, file, log);
        }
        return file;
    }

    private static void fetch(Service service, Path file, Log log) throws MojoExecutionException {
        URI uri;
        try {
            uri = new URI(service.getUrl());
        } catch (URISyntaxException e) {
            throw new MojoExecutionException("'" + service.getUrl() + "' is not a valid URL: " + e.getReason(), e);
        }
        byte[] document = MetadataSource.url(uri, service.getHeaders()).load();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, document);
        } catch (IOException e) {
            throw new MojoExecutionException("cannot save the $metadata of " + uri + " to " + file + ": " + e.getMessage(), e);
        }
        log.info("Outpost: fetched " + uri + " into " + file + "; commit it. Later builds read the file; delete it to"
                + " fetch the document again.");
    }
}
