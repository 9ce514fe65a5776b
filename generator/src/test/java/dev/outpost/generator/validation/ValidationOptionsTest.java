package dev.outpost.generator.validation;

import dev.outpost.model.MetadataSource;
import dev.outpost.model.ServiceModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** G5: severities are overridable per rule (also off), and the failure threshold decides the verdict. */
class ValidationOptionsTest {

    /** Validates a rule fixture: OUT101 has an error, OUT104 a warning, OUT115 infos only. */
    private static ValidationResult validate(String caseName, ValidationOptions options) {
        return Validator.validate(ServiceModel.read(MetadataSource.classpath("validation/" + caseName + "/metadata.xml")),
                options);
    }

    @Test
    void defaultsUseEachRulesSeverityAndFailOnErrorsOnly() {
        assertThat(validate("OUT101", ValidationOptions.defaults()).fails()).isTrue();
        assertThat(validate("OUT104", ValidationOptions.defaults()).fails()).isFalse();
        assertThat(validate("OUT104", ValidationOptions.defaults()).diagnostics())
                .extracting(Diagnostic::severity).containsOnly(Severity.WARNING);
    }

    @Test
    void overrideRaisesAWarningToAnErrorThatFails() {
        ValidationResult result = validate("OUT104", ValidationOptions.builder().override("OUT104=error").build());

        assertThat(result.diagnostics()).extracting(Diagnostic::severity).containsOnly(Severity.ERROR);
        assertThat(result.fails()).isTrue();
        assertThat(result.failingCount()).isEqualTo(1);
    }

    @Test
    void overrideLowersAnErrorSoThatItNoLongerFails() {
        ValidationResult result = validate("OUT101", ValidationOptions.builder().severity(Rule.NO_KEY, Severity.INFO).build());

        assertThat(result.diagnostics()).extracting(Diagnostic::severity).containsOnly(Severity.INFO);
        assertThat(result.fails()).isFalse();
    }

    @Test
    void offRemovesTheRulesFindings() {
        ValidationResult result = validate("OUT101", ValidationOptions.builder().override("out101=OFF").build());

        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.fails()).isFalse();
    }

    @Test
    void thresholdDecidesWhichSeveritiesFail() {
        assertThat(validate("OUT104", ValidationOptions.builder().failOn(FailOn.WARNING).build()).fails()).isTrue();
        assertThat(validate("OUT115", ValidationOptions.builder().failOn(FailOn.WARNING).build()).fails()).isFalse();
        assertThat(validate("OUT115", ValidationOptions.builder().failOn(FailOn.INFO).build()).fails()).isTrue();
        assertThat(validate("OUT101", ValidationOptions.builder().failOn(FailOn.NEVER).build()).fails()).isFalse();
    }

    @Test
    void badOverridesSayWhatIsAccepted() {
        assertThatThrownBy(() -> ValidationOptions.builder().override("OUT999=error"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'OUT999' is not a rule code; use one of OUT101..OUT127 (see docs/validation-rules.md)");
        assertThatThrownBy(() -> ValidationOptions.builder().override("OUT104=fatal"))
                .hasMessage("'fatal' is not a severity for OUT104; use error, warning, info or off");
        assertThatThrownBy(() -> ValidationOptions.builder().override("OUT104"))
                .hasMessage("'OUT104' is not a severity override; write CODE=LEVEL, for example OUT104=error");
        assertThatThrownBy(() -> FailOn.parse("sometimes"))
                .hasMessage("'sometimes' is not a failure threshold; use error, warning, info or never");
    }

    @Test
    void codesAreUniqueAndStable() {
        assertThat(Rule.values()).extracting(Rule::code).doesNotHaveDuplicates()
                .allMatch(code -> code.matches("OUT1\\d\\d"));
        assertThat(Rule.byCode("out104")).contains(Rule.NO_ETAG);
        assertThat(Rule.NO_KEY.code()).isEqualTo("OUT101");
        assertThat(Rule.NO_BINDING.code()).isEqualTo("OUT122");
    }
}
