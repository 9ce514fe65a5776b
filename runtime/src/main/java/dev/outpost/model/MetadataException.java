package dev.outpost.model;

import dev.outpost.OutpostException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@code $metadata} document could not be read: it is not OData V4, not well-formed XML,
 * unreachable, or refers to types that do not exist. Each problem carries its location.
 */
public final class MetadataException extends OutpostException {

    /**
     * One problem found while reading.
     *
     * @param location where it is (line and column when known)
     * @param message what is wrong and what to do
     */
    public record Problem(SourceLocation location, String message) {
        @Override
        public String toString() {
            return location + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    /** Creates an exception for one or more problems. */
    public MetadataException(List<Problem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    /** Creates an exception for one problem. */
    public MetadataException(SourceLocation location, String message) {
        this(List.of(new Problem(location, message)));
    }

    /** Creates an exception for one problem with its underlying cause. */
    public MetadataException(SourceLocation location, String message, Throwable cause) {
        super(render(List.of(new Problem(location, message))), cause);
        this.problems = List.of(new Problem(location, message));
    }

    /** Every problem found, in document order. */
    public List<Problem> problems() {
        return problems;
    }

    private static String render(List<Problem> problems) {
        if (problems.size() == 1) {
            return problems.get(0).toString();
        }
        return problems.size() + " problems:\n" + problems.stream().map(Problem::toString)
                .collect(Collectors.joining("\n"));
    }
}
