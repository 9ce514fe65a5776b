package dev.outpost.generator.validation;

import java.util.Locale;

/** The least severe finding that makes a validation fail. */
public enum FailOn {
    /** Fail on errors (the default). */
    ERROR(Severity.ERROR),
    /** Fail on warnings and errors. */
    WARNING(Severity.WARNING),
    /** Fail on any finding. */
    INFO(Severity.INFO),
    /** Never fail; report only. */
    NEVER(null);

    private final Severity threshold;

    FailOn(Severity threshold) {
        this.threshold = threshold;
    }

    /** Whether a finding of this severity makes the validation fail. */
    public boolean fails(Severity severity) {
        return threshold != null && severity.isAtLeast(threshold);
    }

    /** The lower-case name used in reports and options. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code error}, {@code warning}, {@code info} or {@code never}, ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static FailOn parse(String text) {
        for (FailOn f : values()) {
            if (f.label().equalsIgnoreCase(text.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a failure threshold; use error, warning, info or never");
    }
}
