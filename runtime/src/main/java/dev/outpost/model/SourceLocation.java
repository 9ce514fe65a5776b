package dev.outpost.model;

/**
 * Where a model element was written: the source document and the 1-based line and column of
 * its XML start tag. Diagnostics print it as {@code source:line:column}.
 *
 * @param source the document name (a file path, resource name or URL)
 * @param line 1-based line, or 0 when unknown
 * @param column 1-based column, or 0 when unknown
 */
public record SourceLocation(String source, int line, int column) {

    /** A location for elements that were not read from a document. */
    public static final SourceLocation UNKNOWN = new SourceLocation("<unknown>", 0, 0);

    /** Whether line and column are known. */
    public boolean isKnown() {
        return line > 0;
    }

    @Override
    public String toString() {
        return isKnown() ? source + ":" + line + ":" + column : source;
    }
}
