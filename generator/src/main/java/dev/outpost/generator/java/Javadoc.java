package dev.outpost.generator.java;

import dev.outpost.model.Annotations;
import dev.outpost.model.Terms;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the lines of one Javadoc comment. Text from the service ({@code Core.Description},
 * {@code Core.LongDescription}, default values) is escaped so that it can neither end the comment
 * ({@code *}{@code /}), start a tag ({@code @}), form a Unicode escape that the compiler would read
 * ({@code \}{@code u}), nor be taken for HTML ({@code <}, {@code >}, {@code &}).
 */
final class Javadoc {

    private final List<String> lines = new ArrayList<>();

    private Javadoc() {
    }

    /**
     * A comment that starts with the service's description of the element, or with
     * {@code fallback} (Javadoc source, not escaped) when the service gives none; the long
     * description follows as its own paragraph.
     */
    static Javadoc describing(Annotations annotations, String fallback) {
        Javadoc doc = new Javadoc();
        Optional<String> description = annotations.string(Terms.CORE_DESCRIPTION).filter(s -> !s.isBlank());
        if (description.isPresent()) {
            doc.lines.addAll(escapeLines(description.get()));
        } else {
            doc.lines.add(fallback);
        }
        annotations.string(Terms.CORE_LONG_DESCRIPTION).filter(s -> !s.isBlank())
                .ifPresent(d -> doc.paragraphOf(escapeLines(d)));
        return doc;
    }

    /** A comment whose first line is {@code summary} (Javadoc source, not escaped). */
    static Javadoc of(String summary) {
        Javadoc doc = new Javadoc();
        doc.lines.add(summary);
        return doc;
    }

    /** Adds the service's description of the element, if it gives one, as a paragraph. */
    Javadoc description(Annotations annotations) {
        annotations.string(Terms.CORE_DESCRIPTION).filter(s -> !s.isBlank()).ifPresent(d -> paragraphOf(escapeLines(d)));
        return this;
    }

    /** Adds a paragraph of Javadoc source (not escaped). */
    Javadoc paragraph(String text) {
        lines.add("");
        lines.add("<p>" + text);
        return this;
    }

    private void paragraphOf(List<String> escaped) {
        lines.add("");
        lines.add("<p>" + escaped.get(0));
        lines.addAll(escaped.subList(1, escaped.size()));
    }

    /** Adds a block tag line such as {@code @param name what it is} (Javadoc source). */
    Javadoc tag(String text) {
        if (lines.stream().noneMatch(l -> l.startsWith("@"))) {
            lines.add("");
        }
        lines.add(text);
        return this;
    }

    /** The lines, without the comment delimiters. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * A model name in code font. Names are identifiers in CSDL; anything that could break the
     * inline tag is written as escaped text instead.
     */
    static String code(String name) {
        boolean safe = name.chars().noneMatch(c -> c == '{' || c == '}' || c == '@' || c == '*' || c == '\\'
                || c == '<' || c == '>' || c == '&' || c < 0x20);
        return safe && !name.isEmpty() ? "{@code " + name + "}" : "<code>" + escape(name) + "</code>";
    }

    /** Escapes free text for a single Javadoc line. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '@' -> out.append("&#64;");
                case '\\' -> out.append("&#92;");
                case '/' -> out.append(i > 0 && text.charAt(i - 1) == '*' ? "&#47;" : "/");
                default -> out.append(c < 0x20 || c == 0x7f ? ' ' : c);
            }
        }
        return out.toString();
    }

    /**
     * Escaped lines of a multi-line text, without leading, trailing or repeated blank lines; a
     * line after a blank line starts a paragraph.
     */
    private static List<String> escapeLines(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.strip().split("\r\n|\r|\n")) {
            String escaped = escape(line).strip();
            boolean afterBlank = !out.isEmpty() && out.get(out.size() - 1).isEmpty();
            if (escaped.isEmpty() && (out.isEmpty() || afterBlank)) {
                continue;
            }
            out.add(afterBlank ? "<p>" + escaped : escaped);
        }
        return out;
    }
}
