package dev.outpost.generator.validation;

import dev.outpost.model.SourceLocation;

import java.util.Comparator;
import java.util.Objects;

/**
 * One finding of the validator.
 *
 * @param rule the rule that found it
 * @param severity its effective severity (the rule's default unless the user overrode it)
 * @param message what was found, what happens offline, and what to do
 * @param location where the element was written ({@code source:line:column})
 * @param modelPath the element in the model, for example {@code FieldService.Container/Parts} or
 *     {@code FieldService.WorkOrder/Tasks}
 */
public record Diagnostic(Rule rule, Severity severity, String message, SourceLocation location, String modelPath) {

    /** Report order: by source, line and column, then code, model path and message. */
    public static final Comparator<Diagnostic> ORDER = Comparator
            .comparing((Diagnostic d) -> d.location().source())
            .thenComparingInt(d -> d.location().line())
            .thenComparingInt(d -> d.location().column())
            .thenComparing(d -> d.rule().code())
            .thenComparing(Diagnostic::modelPath)
            .thenComparing(Diagnostic::message);

    public Diagnostic {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(modelPath, "modelPath");
    }

    /** The rule's stable code, for example {@code OUT104}. */
    public String code() {
        return rule.code();
    }

    @Override
    public String toString() {
        return location + ": " + severity.label() + ": [" + code() + "] " + message;
    }
}
