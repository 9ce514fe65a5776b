package dev.outpost.generator.report;

import dev.outpost.generator.validation.ValidationResult;

import java.util.Locale;

/** The formats a validation report can be written in. Every format is UTF-8 text with {@code \n} line ends. */
public enum ReportFormat {
    /** javac-style lines, {@code file:line:col: warning: [OUT104] ...}, and a summary line. */
    TEXT("txt", new TextReport()),
    /** A JSON document; its shape is described in {@link JsonReport}. */
    JSON("json", new JsonReport()),
    /** SARIF 2.1.0, for code-scanning tools. */
    SARIF("sarif", new SarifReport()),
    /** Markdown, for people and pull-request comments. */
    MARKDOWN("md", new MarkdownReport());

    private final String fileExtension;
    private final Renderer renderer;

    ReportFormat(String fileExtension, Renderer renderer) {
        this.fileExtension = fileExtension;
        this.renderer = renderer;
    }

    /** Renders a validation result in this format. */
    public String render(ValidationResult result) {
        return renderer.render(result);
    }

    /** The usual file name extension, without the dot. */
    public String fileExtension() {
        return fileExtension;
    }

    /** The lower-case name used on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code text}, {@code json}, {@code sarif} or {@code markdown}, ignoring case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ReportFormat parse(String name) {
        for (ReportFormat f : values()) {
            if (f.label().equalsIgnoreCase(name.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a report format; use text, json, sarif or markdown");
    }

    /** Renders a result in one format. */
    interface Renderer {
        String render(ValidationResult result);
    }
}
