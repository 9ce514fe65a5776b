package dev.outpost.generator.validation;

import java.util.List;

/**
 * What the validator found in one service model.
 *
 * @param source the document the model was read from, as given
 * @param diagnostics the findings in report order ({@link Diagnostic#ORDER}), with their effective
 *     severities; findings of rules switched off are not included
 * @param options the options the validation ran with
 */
public record ValidationResult(String source, List<Diagnostic> diagnostics, ValidationOptions options) {

    public ValidationResult {
        diagnostics = List.copyOf(diagnostics);
    }

    /** Whether any finding is at or above the failure threshold. */
    public boolean fails() {
        return diagnostics.stream().anyMatch(d -> options.failOn().fails(d.severity()));
    }

    /** How many findings have this severity. */
    public int count(Severity severity) {
        return (int) diagnostics.stream().filter(d -> d.severity() == severity).count();
    }

    /** How many findings are at or above the failure threshold. */
    public int failingCount() {
        return (int) diagnostics.stream().filter(d -> options.failOn().fails(d.severity())).count();
    }
}
