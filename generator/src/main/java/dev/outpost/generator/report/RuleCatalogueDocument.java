package dev.outpost.generator.report;

import dev.outpost.generator.validation.Rule;

import java.util.Locale;

/**
 * Renders the rule catalogue as Markdown: {@code docs/validation-rules.md} is this rendering, and
 * a test fails when the committed file differs from it.
 */
public final class RuleCatalogueDocument {

    private RuleCatalogueDocument() {
    }

    /** The whole document. */
    public static String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Offline-readiness validation rules\n\n");
        md.append("<!-- Generated from dev.outpost.generator.validation.Rule; do not edit. Regenerate with\n"
                + "     ./mvnw -B -pl generator -am test -Doutpost.updateGoldens=true -->\n\n");
        md.append("The validator (feature G5) checks a service's `$metadata` for what does not work, or works\n"
                + "differently, in the offline store. Each finding has a stable code, a severity, the location\n"
                + "(`file:line:column` and the model path) and a message that says what was found, what happens\n"
                + "offline and what to do.\n\n");
        md.append("Severities: **error** — the service cannot work offline as it is; **warning** — it works, but data\n"
                + "can be lost, overwritten or left inconsistent unless the app or service acts; **info** — it works,\n"
                + "with a behaviour the app developer should know about. Override a rule's severity, or switch it\n"
                + "off, with `--severity OUT104=error` / `--severity OUT113=off` on the command line or\n"
                + "`ValidationOptions.builder().override(\"OUT104=error\")` in code; `--fail-on` sets the least\n"
                + "severe finding that fails the build (default: error).\n\n");
        md.append("| Code | Default severity | Title |\n|---|---|---|\n");
        for (Rule r : Rule.values()) {
            md.append("| [").append(r.code()).append("](#").append(anchor(r)).append(") | ")
                    .append(r.defaultSeverity().label()).append(" | ").append(r.title()).append(" |\n");
        }
        for (Rule r : Rule.values()) {
            md.append("\n## ").append(r.code()).append(": ").append(r.title()).append("\n\n");
            md.append("- **Default severity:** ").append(r.defaultSeverity().label()).append("\n");
            md.append("- **Checks:** ").append(r.checks()).append("\n");
            md.append("- **Offline:** ").append(r.offlineSentence()).append("\n");
            md.append("- **What to do:** ").append(r.actionSentence()).append("\n");
        }
        return md.toString();
    }

    /** The GitHub heading anchor of a rule's section, for example {@code out104-entity-set-without-etag}. */
    static String anchor(Rule r) {
        String heading = (r.code() + ": " + r.title()).toLowerCase(Locale.ROOT);
        return heading.replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
    }
}
