package dev.outpost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.outpost.testing.Corpus;
import dev.outpost.testing.LoopbackHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** G8: {@code outpost validate} run in-process, with its exit status, standard output and standard error. */
class ValidateCommandTest {

    /** What one run printed and returned. */
    record Run(int status, String out, String err) {
    }

    static Run outpost(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Outpost.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    static Path fieldService() {
        return Path.of(System.getProperty("basedir", "."), "..", "examples", "field-service-backend", "src", "main",
                "resources", "field-service", "metadata.xml").normalize();
    }

    static Path keylessEntitySet(Path dir) throws IOException {
        Path file = dir.resolve("keyless.xml");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">
                  <edmx:DataServices>
                    <Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="Keyless">
                      <EntityType Name="Reading">
                        <Property Name="Value" Type="Edm.Int32" Nullable="false"/>
                      </EntityType>
                      <EntityContainer Name="Container">
                        <EntitySet Name="Readings" EntityType="Keyless.Reading"/>
                      </EntityContainer>
                    </Schema>
                  </edmx:DataServices>
                </edmx:Edmx>
                """, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void reportsFindingsOfTheExampleServiceAndExitsZero() {
        Run run = outpost("validate", fieldService().toString());

        assertThat(run.status()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains(fieldService() + ":195:9: warning: [OUT104] Entity set 'Parts' has no ETag")
                .contains("info: [OUT110] Navigation property 'FieldService.WorkOrder/Tasks'")
                .endsWith("0 errors, 1 warning, 9 infos in " + fieldService() + "; validation passed (fails on error)\n");
    }

    @Test
    void findingsAtOrAboveTheThresholdExitWithOne(@TempDir Path dir) throws IOException {
        Path keyless = keylessEntitySet(dir);

        Run errors = outpost("validate", keyless.toString());
        assertThat(errors.status()).isEqualTo(1);
        assertThat(errors.out()).contains("error: [OUT101] Entity type 'Keyless.Reading' has no key")
                .contains("validation failed: 1 finding at or above error");
        assertThat(errors.err()).isEmpty();

        assertThat(outpost("validate", "--fail-on", "warning", fieldService().toString()).status()).isEqualTo(1);
        assertThat(outpost("validate", "--fail-on", "never", keyless.toString()).status()).isZero();
        assertThat(outpost("validate", "--severity", "OUT101=warning", keyless.toString()).status()).isZero();
        assertThat(outpost("validate", "--severity", "OUT101=off,OUT104=error", keyless.toString()).status()).isEqualTo(1);
    }

    @Test
    void odataV2DocumentIsOneClearLineAndExitTwo() {
        Run run = outpost("validate", Corpus.file("v2-northwind.xml").toString());

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).singleElement().asString()
                .startsWith("outpost: " + Corpus.file("v2-northwind.xml") + ":1:39: this is an OData V2 $metadata document")
                .contains("Outpost requires OData V4");
    }

    @Test
    void unknownFileExitsTwoWithoutAStackTrace() {
        Run run = outpost("validate", "no-such-metadata.xml");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("outpost: no-such-metadata.xml: file not found; pass the path of a $metadata XML"
                + " document\n");
    }

    @Test
    void verboseAddsTheStackTrace() {
        Run run = outpost("validate", "--verbose", "no-such-metadata.xml");

        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("outpost: no-such-metadata.xml: file not found").contains("\tat dev.outpost.");
    }

    @Test
    void badOptionsAreUsageErrorsWithExitTwo() {
        Run severity = outpost("validate", "--severity", "OUT999=error", fieldService().toString());
        assertThat(severity.status()).isEqualTo(2);
        assertThat(severity.out()).isEmpty();
        assertThat(severity.err()).isEqualTo("outpost: Invalid value for option '--severity' (CODE=LEVEL): 'OUT999' is not a"
                + " rule code; use one of OUT101..OUT127 (see docs/validation-rules.md); see 'outpost validate --help'\n");

        Run level = outpost("validate", "--severity", "OUT104=loud", fieldService().toString());
        assertThat(level.status()).isEqualTo(2);
        assertThat(level.err()).contains("'loud' is not a severity for OUT104; use error, warning, info or off");

        assertThat(outpost("validate", "--format", "xml", fieldService().toString()).err())
                .contains("'xml' is not a report format; use text, json, sarif or markdown");
        assertThat(outpost("validate", "--fail-on", "sometimes", fieldService().toString()).status()).isEqualTo(2);
        assertThat(outpost("validate").err()).startsWith("outpost: Missing required parameter: 'METADATA'");
        assertThat(outpost("frobnicate").status()).isEqualTo(2);
        Run nothing = outpost();
        assertThat(nothing.status()).isEqualTo(2);
        assertThat(nothing.err()).startsWith("outpost: name a command").contains("Usage: outpost");
    }

    @Test
    void helpForTheToolAndTheSubcommand() {
        Run tool = outpost("--help");
        assertThat(tool.status()).isZero();
        assertThat(tool.out()).contains("Usage: outpost [-hV] COMMAND").contains("validate").contains("Exit status:");

        Run validate = outpost("validate", "--help");
        assertThat(validate.status()).isZero();
        assertThat(validate.out()).contains("Usage: outpost validate").contains("--severity=CODE=LEVEL")
                .contains("--fail-on=LEVEL").contains("--header=NAME=VALUE").contains("2   bad usage, or the input cannot be read");
        assertThat(outpost("help", "validate").out()).isEqualTo(validate.out());
    }

    @Test
    void writesTheChosenFormatToAFile(@TempDir Path dir) throws IOException {
        Path report = dir.resolve("reports").resolve("offline.json");

        Run run = outpost("validate", "--format", "json", "--output", report.toString(), fieldService().toString());

        assertThat(run.status()).isZero();
        assertThat(run.out()).isEqualTo("0 errors, 1 warning, 9 infos in " + fieldService()
                + "; validation passed (fails on error); json report written to " + report + "\n");
        JsonNode json = new ObjectMapper().readTree(Files.readString(report, StandardCharsets.UTF_8));
        assertThat(json.path("counts").path("warning").asInt()).isEqualTo(1);
        assertThat(json.path("diagnostics")).hasSize(10);

        Run sarif = outpost("validate", "--format", "sarif", fieldService().toString());
        assertThat(new ObjectMapper().readTree(sarif.out()).path("version").asText()).isEqualTo("2.1.0");
        assertThat(outpost("validate", "--format", "markdown", fieldService().toString()).out())
                .startsWith("# Offline readiness: `" + fieldService() + "`");
    }

    @Test
    void readsAServiceUrlWithHeaders() throws IOException {
        byte[] metadata = Files.readAllBytes(fieldService());
        try (LoopbackHttpServer server = LoopbackHttpServer.start(Map.of(
                "/odata/$metadata", new LoopbackHttpServer.Response(200, "application/xml", metadata)))) {
            String url = server.uri("/odata/$metadata").toString();

            Run run = outpost("validate", "--header", "Authorization=Bearer s3cret==", url);

            assertThat(run.status()).isZero();
            assertThat(run.out()).contains(url + ":195:9: warning: [OUT104]").doesNotContain("s3cret");
            assertThat(server.requestHeaders()).singleElement()
                    .satisfies(h -> assertThat(h.get("Authorization")).isEqualTo(List.of("Bearer s3cret==")));

            Run missing = outpost("validate", server.uri("/odata/nothing").toString());
            assertThat(missing.status()).isEqualTo(2);
            assertThat(missing.err()).isEqualTo("outpost: " + server.uri("/odata/nothing")
                    + ": the server answered HTTP 404 instead of 200; check the URL\n");
        }
    }
}
