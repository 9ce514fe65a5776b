package dev.outpost.generator.validation;

import dev.outpost.generator.report.ReportFormat;
import dev.outpost.generator.testing.Goldens;
import dev.outpost.model.MetadataSource;
import dev.outpost.model.ServiceModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * G5: one small hand-written document per rule under {@code validation/<code>/} that triggers
 * exactly that rule, and a clean document that triggers nothing at all. Each case's text report is
 * a golden file ({@code diagnostics.txt}).
 */
class RuleFixturesTest {

    private static final Path CASES = Goldens.testResources().resolve("validation");

    static ValidationResult validate(String caseName) {
        ServiceModel model = ServiceModel.read(MetadataSource.classpath("validation/" + caseName + "/metadata.xml"));
        return Validator.validate(model);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Rule.class)
    void eachRuleHasADocumentThatTriggersExactlyIt(Rule rule) {
        ValidationResult result = validate(rule.code());

        assertThat(result.diagnostics()).extracting(Diagnostic::rule).containsOnly(rule);
        assertThat(result.diagnostics()).allSatisfy(d -> {
            assertThat(d.severity()).isEqualTo(rule.defaultSeverity());
            assertThat(d.location().isKnown()).as("location of %s", d).isTrue();
            assertThat(d.message()).endsWith(rule.offlineSentence() + " " + rule.actionSentence());
        });
        Goldens.assertMatches(CASES.resolve(rule.code()).resolve("diagnostics.txt"), ReportFormat.TEXT.render(result));
    }

    @Test
    void cleanDocumentProducesNoFindingOfAnySeverity() {
        ValidationResult result = validate("clean");

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.fails()).isFalse();
        Goldens.assertMatches(CASES.resolve("clean").resolve("diagnostics.txt"), ReportFormat.TEXT.render(result));
    }

    @Test
    void everyCaseDirectoryIsARuleOrTheCleanCase() throws IOException {
        Set<String> expected = Stream.concat(Arrays.stream(Rule.values()).map(Rule::code), Stream.of("clean"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> found;
        try (Stream<Path> dirs = Files.list(CASES)) {
            found = dirs.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(found).isEqualTo(expected);
    }
}
