package dev.outpost.maven;

import dev.outpost.testing.LoopbackHttpServer;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A service's $metadata: a file as it is, a URL fetched once into the source tree (G7). */
class ServiceSourcesTest {

    private static final byte[] DOCUMENT = "<edmx:Edmx Version=\"4.0\"/>".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path project;

    private Path file(Service service) throws MojoExecutionException {
        return ServiceSources.file(service, 0, project, project.resolve("src/main/outpost"), new SystemStreamLog());
    }

    @Test
    void aUrlIsFetchedOnceIntoTheSourceTreeWithItsHeaders() throws Exception {
        try (LoopbackHttpServer server = LoopbackHttpServer.start(Map.of(
                "/odata/$metadata", new LoopbackHttpServer.Response(200, "application/xml", DOCUMENT)))) {
            Service service = new Service(null, server.uri("/odata/$metadata").toString(),
                    Map.of("Authorization", "Bearer s3cret"), "com.example.field", "Field");

            Path first = file(service);
            Path second = file(service);

            assertThat(first).isEqualTo(project.resolve("src/main/outpost/Field/metadata.xml")).isEqualTo(second)
                    .hasBinaryContent(DOCUMENT);
            assertThat(server.requestHeaders()).singleElement()
                    .satisfies(h -> assertThat(h.get("Authorization")).isEqualTo(List.of("Bearer s3cret")));
        }
    }

    @Test
    void aFileIsResolvedAgainstTheProjectAndAGivenFileTakesTheFetchedDocument() throws Exception {
        assertThat(file(new Service("api/metadata.xml", null, null, "com.example", null)))
                .isEqualTo(project.resolve("api/metadata.xml"));
        Files.createDirectories(project.resolve("api"));
        Files.write(project.resolve("api/kept.xml"), DOCUMENT);
        assertThat(file(new Service("api/kept.xml", "http://127.0.0.1:9/never-fetched", null, "com.example", null)))
                .hasBinaryContent(DOCUMENT);
    }

    @Test
    void incompleteServicesSayWhatIsMissing() {
        assertThatThrownBy(() -> file(new Service("m.xml", null, null, null, "Field")))
                .hasMessage("service 1 (Field(m.xml)) has no <packageName>; give the Java package of its generated classes,"
                        + " for example <packageName>com.example.field</packageName>");
        assertThatThrownBy(() -> file(new Service(null, null, null, "com.example", null)))
                .hasMessageContaining("names no $metadata; give <metadata>path/to/metadata.xml</metadata> or <url>");
        assertThatThrownBy(() -> file(new Service(null, "http://127.0.0.1:9/$metadata", null, "com.example", null)))
                .hasMessageContaining("has a <url> but no <name> or <metadata>");
    }
}
