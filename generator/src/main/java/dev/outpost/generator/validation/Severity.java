package dev.outpost.generator.validation;

import java.util.Locale;

/** How serious a finding is, most serious first. */
public enum Severity {
    /** The service cannot work offline as it is. */
    ERROR,
    /** It works offline, but data can be lost, overwritten or left inconsistent unless the app or service acts. */
    WARNING,
    /** It works offline, with a behaviour the app developer should know about. */
    INFO;

    /** The lower-case name used in reports and options: {@code error}, {@code warning}, {@code info}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this severity is as serious as {@code other} or more. */
    public boolean isAtLeast(Severity other) {
        return ordinal() <= other.ordinal();
    }
}
