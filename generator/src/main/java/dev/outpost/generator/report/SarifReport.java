package dev.outpost.generator.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.outpost.generator.validation.Diagnostic;
import dev.outpost.generator.validation.Rule;
import dev.outpost.generator.validation.Severity;
import dev.outpost.generator.validation.ValidationResult;
import dev.outpost.model.SourceLocation;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The validation result as a SARIF 2.1.0 log with one run. Every rule of the catalogue is in
 * {@code tool.driver.rules} (with help text and its default level), so {@code ruleIndex} is
 * stable; each result has its rule, effective level, message, the physical location
 * ({@code artifactLocation.uri} is the source as given, as a URI reference) and the model path
 * as logical location.
 */
final class SarifReport implements ReportFormat.Renderer {

    static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    @Override
    public String render(ValidationResult result) {
        return JsonOutput.write(json -> {
            json.writeStartObject();
            json.writeStringField("$schema", SCHEMA);
            json.writeStringField("version", "2.1.0");
            json.writeArrayFieldStart("runs");
            json.writeStartObject();
            tool(json);
            json.writeStringField("columnKind", "utf16CodeUnits");
            json.writeArrayFieldStart("results");
            for (Diagnostic d : result.diagnostics()) {
                result(json, d);
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void tool(JsonGenerator json) throws IOException {
        json.writeObjectFieldStart("tool");
        json.writeObjectFieldStart("driver");
        json.writeStringField("name", "outpost");
        json.writeStringField("fullName", "Outpost offline-readiness validator");
        json.writeArrayFieldStart("rules");
        for (Rule r : Rule.values()) {
            json.writeStartObject();
            json.writeStringField("id", r.code());
            json.writeStringField("name", pascalCase(r.title()));
            message(json, "shortDescription", r.title());
            message(json, "fullDescription", r.checks());
            json.writeObjectFieldStart("help");
            json.writeStringField("text", r.checks() + " Offline: " + r.offline() + ". What to do: " + r.action() + ".");
            json.writeStringField("markdown", r.checks() + "\n\n**Offline:** " + r.offlineSentence()
                    + "\n\n**What to do:** " + r.actionSentence());
            json.writeEndObject();
            json.writeObjectFieldStart("defaultConfiguration");
            json.writeStringField("level", level(r.defaultSeverity()));
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void result(JsonGenerator json, Diagnostic d) throws IOException {
        json.writeStartObject();
        json.writeStringField("ruleId", d.code());
        json.writeNumberField("ruleIndex", d.rule().ordinal());
        json.writeStringField("level", level(d.severity()));
        message(json, "message", d.message());
        json.writeArrayFieldStart("locations");
        json.writeStartObject();
        SourceLocation at = d.location();
        json.writeObjectFieldStart("physicalLocation");
        json.writeObjectFieldStart("artifactLocation");
        json.writeStringField("uri", uri(at.source()));
        json.writeEndObject();
        if (at.isKnown()) {
            json.writeObjectFieldStart("region");
            json.writeNumberField("startLine", at.line());
            if (at.column() > 0) {
                json.writeNumberField("startColumn", at.column());
            }
            json.writeEndObject();
        }
        json.writeEndObject();
        json.writeArrayFieldStart("logicalLocations");
        json.writeStartObject();
        json.writeStringField("fullyQualifiedName", d.modelPath());
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void message(JsonGenerator json, String field, String text) throws IOException {
        json.writeObjectFieldStart(field);
        json.writeStringField("text", text);
        json.writeEndObject();
    }

    /** SARIF levels: error, warning, note. */
    static String level(Severity severity) {
        return switch (severity) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "note";
        };
    }

    /**
     * The source as a URI reference: URLs stay as they are, absolute paths become {@code file:}
     * URIs, relative paths stay relative (with {@code /} separators and percent-encoding).
     */
    static String uri(String source) {
        if (source.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*") && !source.matches("^[A-Za-z]:[\\\\/].*")) {
            return source; // already a URI: http:, https:, file:, classpath:
        }
        String slashed = source.replace('\\', '/');
        if (slashed.startsWith("/") || slashed.matches("^[A-Za-z]:/.*")) {
            return Path.of(source).toUri().toString();
        }
        if (slashed.split("/", 2)[0].indexOf(':') >= 0) {
            slashed = "./" + slashed; // a colon in the first segment would read as a scheme
        }
        try {
            return new URI(null, null, slashed, null).toASCIIString();
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot express '" + source + "' as a URI", e);
        }
    }

    /** "Entity set without ETag" becomes "EntitySetWithoutETag". */
    static String pascalCase(String title) {
        return Arrays.stream(title.split("[^A-Za-z0-9]+")).filter(w -> !w.isEmpty())
                .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1)).collect(Collectors.joining());
    }
}
