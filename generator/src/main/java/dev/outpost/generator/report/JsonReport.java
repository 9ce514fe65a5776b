package dev.outpost.generator.report;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.outpost.generator.validation.Diagnostic;
import dev.outpost.generator.validation.Severity;
import dev.outpost.generator.validation.ValidationResult;

import java.io.IOException;

/**
 * The validation result as JSON. Field order is fixed and findings are in report order, so the
 * same input gives the same bytes:
 * <pre>{@code
 * {
 *   "format": "outpost-validation",
 *   "formatVersion": 1,
 *   "source": "metadata.xml",           // the document, as given
 *   "failOn": "error",                  // error | warning | info | never
 *   "failed": false,                    // whether a finding is at or above failOn
 *   "counts": { "error": 0, "warning": 1, "info": 3 },
 *   "diagnostics": [
 *     {
 *       "code": "OUT104",
 *       "severity": "warning",          // effective severity (after overrides)
 *       "defaultSeverity": "warning",
 *       "title": "Entity set without ETag",
 *       "message": "Entity set 'Parts' has no ETag ...",
 *       "location": { "source": "metadata.xml", "line": 151, "column": 10 },  // 0 when unknown
 *       "modelPath": "FieldService.Container/Parts"
 *     }
 *   ]
 * }
 * }</pre>
 */
final class JsonReport implements ReportFormat.Renderer {

    /** Increases when a field is removed or changes meaning; new fields may appear without it. */
    static final int FORMAT_VERSION = 1;

    @Override
    public String render(ValidationResult result) {
        return JsonOutput.write(json -> {
            json.writeStartObject();
            json.writeStringField("format", "outpost-validation");
            json.writeNumberField("formatVersion", FORMAT_VERSION);
            json.writeStringField("source", result.source());
            json.writeStringField("failOn", result.options().failOn().label());
            json.writeBooleanField("failed", result.fails());
            json.writeObjectFieldStart("counts");
            for (Severity s : Severity.values()) {
                json.writeNumberField(s.label(), result.count(s));
            }
            json.writeEndObject();
            json.writeArrayFieldStart("diagnostics");
            for (Diagnostic d : result.diagnostics()) {
                diagnostic(json, d);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void diagnostic(JsonGenerator json, Diagnostic d) throws IOException {
        json.writeStartObject();
        json.writeStringField("code", d.code());
        json.writeStringField("severity", d.severity().label());
        json.writeStringField("defaultSeverity", d.rule().defaultSeverity().label());
        json.writeStringField("title", d.rule().title());
        json.writeStringField("message", d.message());
        json.writeObjectFieldStart("location");
        json.writeStringField("source", d.location().source());
        json.writeNumberField("line", d.location().line());
        json.writeNumberField("column", d.location().column());
        json.writeEndObject();
        json.writeStringField("modelPath", d.modelPath());
        json.writeEndObject();
    }
}
