package dev.outpost.model;

/**
 * Type facets of a property, parameter, return type or type definition. Absent facets are null.
 *
 * @param maxLength {@code MaxLength}, or {@link #MAX_LENGTH_MAX} for {@code MaxLength="max"}
 * @param precision {@code Precision}
 * @param scale a fixed {@code Scale}; null when absent or variable
 * @param variableScale whether {@code Scale="variable"} (or 4.01 {@code "floating"}) was given
 * @param srid {@code SRID} of a geo type ({@code "variable"} or a number)
 * @param unicode {@code Unicode}; null when absent (the default is true)
 */
public record Facets(Integer maxLength, Integer precision, Integer scale, boolean variableScale, String srid,
                     Boolean unicode) {

    /** The value {@link #maxLength()} takes for {@code MaxLength="max"}. */
    public static final int MAX_LENGTH_MAX = Integer.MAX_VALUE;

    /** No facets. */
    public static final Facets NONE = new Facets(null, null, null, false, null, null);

    /** Whether the length is bounded by a number (not absent, not {@code max}). */
    public boolean hasBoundedLength() {
        return maxLength != null && maxLength != MAX_LENGTH_MAX;
    }
}
