package dev.outpost.generator.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.outpost.generator.validation.Rule;
import dev.outpost.generator.validation.ValidationResult;
import dev.outpost.generator.validation.Validator;
import dev.outpost.model.MetadataSource;
import dev.outpost.model.ServiceModel;
import dev.outpost.testing.Corpus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** G5: the SARIF report is valid SARIF 2.1.0, checked against the official schema (a committed test resource). */
class SarifSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = SarifSchemaTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            assertThat(in).as("sarif/sarif-schema-2.1.0.json on the test classpath").isNotNull();
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    static List<Path> corpus() {
        return Corpus.v4Documents();
    }

    private static JsonNode validSarif(ValidationResult result) throws IOException {
        JsonNode sarif = JSON.readTree(ReportFormat.SARIF.render(result));
        Set<ValidationMessage> problems = schema.validate(sarif);
        assertThat(problems).as("SARIF schema violations").isEmpty();
        return sarif;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Rule.class)
    void ruleFixtureReportsAreValidSarif(Rule rule) throws IOException {
        ServiceModel model = ServiceModel.read(MetadataSource.classpath("validation/" + rule.code() + "/metadata.xml"));
        JsonNode sarif = validSarif(Validator.validate(model));

        JsonNode result = sarif.at("/runs/0/results/0");
        assertThat(result.path("ruleId").asText()).isEqualTo(rule.code());
        assertThat(sarif.at("/runs/0/tool/driver/rules/" + result.path("ruleIndex").asInt() + "/id").asText())
                .isEqualTo(rule.code());
        assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("classpath:validation/" + rule.code() + "/metadata.xml");
        assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isPositive();
        assertThat(result.at("/locations/0/physicalLocation/region/startColumn").asInt()).isPositive();
        assertThat(result.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText()).startsWith("Test.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusReportsAreValidSarif(Path document) throws IOException {
        validSarif(Validator.validate(ServiceModel.read(MetadataSource.file(document))));
    }

    @Test
    void everyRuleIsDescribedWithHelpAndItsDefaultLevel() throws IOException {
        ServiceModel model = ServiceModel.read(MetadataSource.classpath("validation/clean/metadata.xml"));
        JsonNode rules = validSarif(Validator.validate(model)).at("/runs/0/tool/driver/rules");

        assertThat(rules).hasSize(Rule.values().length);
        for (Rule r : Rule.values()) {
            JsonNode node = rules.get(r.ordinal());
            assertThat(node.path("id").asText()).isEqualTo(r.code());
            assertThat(node.at("/shortDescription/text").asText()).isEqualTo(r.title());
            assertThat(node.at("/help/text").asText()).contains(r.offline()).contains(r.action());
            assertThat(node.at("/defaultConfiguration/level").asText()).isEqualTo(SarifReport.level(r.defaultSeverity()));
        }
    }

    @Test
    void sourcesBecomeUriReferences() {
        assertThat(SarifReport.uri("metadata.xml")).isEqualTo("metadata.xml");
        assertThat(SarifReport.uri("corpus/my file.xml")).isEqualTo("corpus/my%20file.xml");
        assertThat(SarifReport.uri("dir\\metadata.xml")).isEqualTo("dir/metadata.xml");
        assertThat(SarifReport.uri("/srv/odata/metadata.xml")).isEqualTo("file:///srv/odata/metadata.xml");
        assertThat(SarifReport.uri("http://127.0.0.1:8080/odata/$metadata")).isEqualTo("http://127.0.0.1:8080/odata/$metadata");
        assertThat(SarifReport.uri("classpath:service/metadata.xml")).isEqualTo("classpath:service/metadata.xml");
    }
}
