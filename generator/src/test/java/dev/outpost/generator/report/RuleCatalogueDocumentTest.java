package dev.outpost.generator.report;

import dev.outpost.generator.testing.Goldens;
import dev.outpost.generator.validation.Rule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** G5: docs/validation-rules.md is the rendering of the rule catalogue, and every rule is in it. */
class RuleCatalogueDocumentTest {

    @Test
    void committedDocumentIsTheRenderingOfTheCatalogue() {
        Goldens.assertMatches(Goldens.projectDir().resolve("docs").resolve("validation-rules.md"),
                RuleCatalogueDocument.render());
    }

    @Test
    void everyRuleHasASectionWithAllItsParts() {
        String doc = RuleCatalogueDocument.render();
        for (Rule r : Rule.values()) {
            assertThat(doc).contains("## " + r.code() + ": " + r.title() + "\n\n- **Default severity:** "
                    + r.defaultSeverity().label() + "\n- **Checks:** " + r.checks() + "\n- **Offline:** "
                    + r.offlineSentence() + "\n- **What to do:** " + r.actionSentence() + "\n");
            assertThat(doc).contains("(#" + RuleCatalogueDocument.anchor(r) + ")");
        }
        assertThat(RuleCatalogueDocument.anchor(Rule.NO_ETAG)).isEqualTo("out104-entity-set-without-etag");
    }
}
