package dev.outpost.generator.report;

import dev.outpost.generator.validation.Diagnostic;
import dev.outpost.generator.validation.Rule;
import dev.outpost.generator.validation.ValidationResult;

import java.util.EnumSet;
import java.util.Set;

/**
 * The validation result as Markdown for people and pull-request comments: the verdict, counts,
 * one table row per finding (what was found), then, once per rule that fired, what it means
 * offline and what to do.
 */
final class MarkdownReport implements ReportFormat.Renderer {

    @Override
    public String render(ValidationResult result) {
        StringBuilder md = new StringBuilder();
        md.append("# Offline readiness: ").append(code(result.source())).append("\n\n");
        md.append("**").append(capitalize(Summary.verdict(result))).append(".** ")
                .append(Summary.counts(result)).append(".\n\n");
        if (result.diagnostics().isEmpty()) {
            return md.append("No findings.\n").toString();
        }
        md.append("| Severity | Rule | Location | Element | Finding |\n");
        md.append("|---|---|---|---|---|\n");
        Set<Rule> fired = EnumSet.noneOf(Rule.class);
        for (Diagnostic d : result.diagnostics()) {
            fired.add(d.rule());
            md.append("| ").append(d.severity().label())
                    .append(" | [").append(d.code()).append("](#").append(RuleCatalogueDocument.anchor(d.rule())).append(")")
                    .append(" | ").append(cell(location(d)))
                    .append(" | ").append(code(d.modelPath()))
                    .append(" | ").append(cell(finding(d)))
                    .append(" |\n");
        }
        md.append("\n## Rules\n");
        for (Rule r : fired) {
            md.append("\n### ").append(r.code()).append(": ").append(r.title()).append("\n\n");
            md.append("Default severity: ").append(r.defaultSeverity().label()).append(". ").append(r.checks()).append("\n\n");
            md.append("- **Offline:** ").append(r.offlineSentence()).append("\n");
            md.append("- **What to do:** ").append(r.actionSentence()).append("\n");
        }
        return md.toString();
    }

    /** The message without the rule's offline consequence and advice, which the Rules section gives once. */
    private static String finding(Diagnostic d) {
        String general = " " + d.rule().offlineSentence() + " " + d.rule().actionSentence();
        String m = d.message();
        return m.endsWith(general) ? m.substring(0, m.length() - general.length()) : m;
    }

    private static String location(Diagnostic d) {
        return d.location().isKnown() ? d.location().line() + ":" + d.location().column() : "";
    }

    /** Text in a table cell: pipes escaped, line breaks as spaces. */
    private static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "").replace("\n", " ");
    }

    /** Inline code that survives backticks in the text. */
    private static String code(String text) {
        String fence = text.contains("`") ? "``" : "`";
        return fence + cell(text) + fence;
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
