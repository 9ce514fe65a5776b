package dev.outpost.generator.report;

import dev.outpost.generator.validation.Diagnostic;
import dev.outpost.generator.validation.ValidationResult;

/**
 * javac-style lines that IDEs and CI logs link to the source, one per finding, then the summary:
 * <pre>
 * metadata.xml:151:10: warning: [OUT104] Entity set 'Parts' has no ETag (Core.OptimisticConcurrency). Uploads ...
 * 0 errors, 1 warning, 3 infos in metadata.xml; validation passed (fails on error)
 * </pre>
 */
final class TextReport implements ReportFormat.Renderer {

    @Override
    public String render(ValidationResult result) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : result.diagnostics()) {
            out.append(line(d)).append('\n');
        }
        return out.append(Summary.line(result)).append('\n').toString();
    }

    /** One finding as a javac-style line; the message names the element, so the model path is left out. */
    static String line(Diagnostic d) {
        return d.location() + ": " + d.severity().label() + ": [" + d.code() + "] " + d.message();
    }
}
