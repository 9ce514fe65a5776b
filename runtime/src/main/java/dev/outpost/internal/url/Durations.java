package dev.outpost.internal.url;

import java.time.Duration;

/** Parses xsd day-time durations as OData writes them ({@code P1DT2H3M4.5S}, {@code -PT1H}). */
public final class Durations {

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException for years or months (not day-time durations) and bad syntax
     */
    public static Duration parse(String text) {
        String s = text.trim();
        boolean negative = s.startsWith("-");
        if (negative) {
            s = s.substring(1);
        }
        int t = s.indexOf('T');
        String datePart = t < 0 ? s : s.substring(0, t);
        if (datePart.contains("Y") || datePart.contains("M") || datePart.contains("W")) {
            throw new IllegalArgumentException("'" + text + "' has years, months or weeks; OData durations are day-time durations");
        }
        Duration d = Duration.parse(s);
        return negative ? d.negated() : d;
    }
}
