package dev.outpost.generator.report;

import dev.outpost.generator.validation.FailOn;
import dev.outpost.generator.validation.Severity;
import dev.outpost.generator.validation.ValidationResult;

/** The one-line verdict every report format shares. */
public final class Summary {

    private Summary() {
    }

    /**
     * For example {@code 0 errors, 2 warnings, 5 infos in metadata.xml; validation passed (fails on error)}.
     */
    public static String line(ValidationResult result) {
        return counts(result) + " in " + result.source() + "; " + verdict(result);
    }

    /** For example {@code 0 errors, 2 warnings, 5 infos}. */
    public static String counts(ValidationResult result) {
        return count(result, Severity.ERROR, "error", "errors") + ", "
                + count(result, Severity.WARNING, "warning", "warnings") + ", "
                + count(result, Severity.INFO, "info", "infos");
    }

    /** For example {@code validation passed (fails on error)} or {@code validation failed: 2 findings at or above warning}. */
    public static String verdict(ValidationResult result) {
        FailOn failOn = result.options().failOn();
        if (result.fails()) {
            int n = result.failingCount();
            return "validation failed: " + n + (n == 1 ? " finding" : " findings") + " at or above " + failOn.label();
        }
        return "validation passed (" + (failOn == FailOn.NEVER ? "never fails" : "fails on " + failOn.label()) + ")";
    }

    private static String count(ValidationResult result, Severity severity, String singular, String plural) {
        int n = result.count(severity);
        return n + " " + (n == 1 ? singular : plural);
    }
}
