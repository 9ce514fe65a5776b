package dev.outpost.generator.report;

import dev.outpost.generator.testing.Goldens;
import dev.outpost.generator.validation.ValidationResult;
import dev.outpost.generator.validation.Validator;
import dev.outpost.model.MetadataSource;
import dev.outpost.model.ServiceModel;
import dev.outpost.testing.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * G5: full reports of real documents in every format, compared with golden files; every V4
 * corpus document validates and renders without an exception. Documents are read under the
 * relative name {@code corpus/<file>}, so no absolute path reaches a golden file.
 */
class CorpusReportsTest {

    private static final Path GOLDEN = Goldens.testResources().resolve("golden").resolve("reports");

    static ValidationResult validate(Path document) throws IOException {
        String name = "corpus/" + document.getFileName();
        return Validator.validate(ServiceModel.read(MetadataSource.bytes(name, Files.readAllBytes(document))));
    }

    static List<Path> corpus() {
        return Corpus.v4Documents();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"trippin.xml", "cap-library.xml"})
    void fullReportsMatchTheGoldenFiles(String file) throws IOException {
        ValidationResult result = validate(Corpus.file(file));
        String base = file.substring(0, file.length() - ".xml".length());
        for (ReportFormat format : ReportFormat.values()) {
            Goldens.assertMatches(GOLDEN.resolve(base).resolve("report." + format.fileExtension()), format.render(result));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyV4DocumentValidatesAndRendersInEveryFormat(Path document) throws IOException {
        ValidationResult result = validate(document);
        ValidationResult again = validate(document);

        assertThat(result.diagnostics()).isNotEmpty();
        for (ReportFormat format : ReportFormat.values()) {
            String report = format.render(result);
            assertThat(report).endsWith("\n").doesNotContain("\r");
            assertThat(report).as("same input, same bytes").isEqualTo(format.render(again));
        }
    }
}
