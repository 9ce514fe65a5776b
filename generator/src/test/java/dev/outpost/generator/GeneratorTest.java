package dev.outpost.generator;

import dev.outpost.generator.java.JavaEmitter;
import dev.outpost.generator.java.JavaOptions;
import dev.outpost.generator.output.GeneratedFile;
import dev.outpost.generator.output.InMemoryOutputSink;
import dev.outpost.generator.testing.ExampleService;
import dev.outpost.generator.validation.FailOn;
import dev.outpost.generator.validation.Severity;
import dev.outpost.generator.validation.ValidationOptions;
import dev.outpost.model.MetadataException;
import dev.outpost.model.MetadataSource;
import dev.outpost.model.ServiceModel;
import dev.outpost.testing.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ARCHITECTURE invariant 8: one entry point, a pure pipeline (read → model → validate → emit)
 * through one sink, and nothing written for any service when one is refused.
 */
class GeneratorTest {

    @TempDir
    Path dir;

    static Path fieldService() {
        return ExampleService.metadata();
    }

    /** A document whose only entity set has an entity type without a key: an OUT101 error. */
    static Path keyless(Path dir) throws IOException {
        Path file = dir.resolve("keyless.xml");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <edmx:Edmx xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx" Version="4.0">
                  <edmx:DataServices>
                    <Schema xmlns="http://docs.oasis-open.org/odata/ns/edm" Namespace="Keyless">
                      <EntityType Name="Reading">
                        <Property Name="Value" Type="Edm.Int32" Nullable="false"/>
                      </EntityType>
                      <EntityContainer Name="Container">
                        <EntitySet Name="Readings" EntityType="Keyless.Reading"/>
                      </EntityContainer>
                    </Schema>
                  </edmx:DataServices>
                </edmx:Edmx>
                """, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void generatesWhatTheEmitterEmitsThroughTheSink() {
        InMemoryOutputSink sink = new InMemoryOutputSink();
        GenerationResult result = Generator.generate(GenerationRequest.builder()
                .service(MetadataSource.file(Corpus.file("trippin.xml")), "com.example.trippin")
                .sink(sink).build());

        assertThat(result.refused()).isFalse();
        assertThat(result.refusals()).isEmpty();
        GenerationResult.ServiceResult trippin = result.services().get(0);
        assertThat(trippin.name()).isEqualTo("DefaultContainer");
        assertThat(trippin.validation().diagnostics()).isNotEmpty();
        assertThat(trippin.schema()).isEmpty();
        byte[] document = MetadataSource.file(Corpus.file("trippin.xml")).load();
        assertThat(sink.files()).isEqualTo(JavaEmitter.emit(ServiceModel.read(MetadataSource.file(Corpus.file("trippin.xml"))),
                document, JavaOptions.of("com.example.trippin"))).isEqualTo(result.files());
    }

    @Test
    void aNameBecomesTheStemOfTheServiceClasses() {
        GenerationResult result = Generator.generate(GenerationRequest.builder()
                .service(GenerationRequest.Service.of(MetadataSource.file(fieldService()), "com.example.field").withName("Field"))
                .sink(new InMemoryOutputSink()).build());

        assertThat(result.services().get(0).name()).isEqualTo("Field");
        assertThat(result.files()).extracting(GeneratedFile::path)
                .contains("com/example/field/FieldService.java", "com/example/field/FieldMetadata.java");
    }

    @Test
    void findingsAtTheThresholdRefuseGenerationForEveryService() throws IOException {
        InMemoryOutputSink sink = new InMemoryOutputSink();
        GenerationResult result = Generator.generate(GenerationRequest.builder()
                .service(MetadataSource.file(fieldService()), "com.example.field")
                .service(MetadataSource.file(keyless(dir)), "com.example.keyless")
                .sink(sink).build());

        assertThat(result.refused()).isTrue();
        assertThat(sink.files()).isEmpty();
        assertThat(result.files()).isEmpty();
        assertThat(result.refusals()).containsExactly("Container: 1 error, 1 warning, 2 infos in " + dir.resolve("keyless.xml")
                + "; validation failed: 1 finding at or above error; nothing was generated. Fix the findings above, or"
                + " change their severity or the failure threshold (error) if they are acceptable offline.");
        assertThat(result.services().get(1).validation().diagnostics())
                .filteredOn(d -> d.severity() == Severity.ERROR).singleElement()
                .satisfies(d -> assertThat(d.code()).isEqualTo("OUT101"));
        assertThat(result.services().get(0).validation().fails()).isFalse();
    }

    @Test
    void severityOverridesAndTheThresholdDecide() throws IOException {
        Path keyless = keyless(dir);
        GenerationResult never = Generator.generate(GenerationRequest.builder()
                .service(MetadataSource.file(keyless), "com.example.keyless")
                .validation(ValidationOptions.builder().failOn(FailOn.NEVER).build())
                .sink(new InMemoryOutputSink()).build());
        assertThat(never.refused()).isFalse();
        assertThat(never.files()).isNotEmpty();

        GenerationResult stricter = Generator.generate(GenerationRequest.builder()
                .service(MetadataSource.file(fieldService()), "com.example.field")
                .validation(ValidationOptions.builder().override("OUT104=error").build())
                .sink(new InMemoryOutputSink()).build());
        assertThat(stricter.refused()).isTrue();
        assertThat(stricter.services().get(0).validation().diagnostics())
                .anySatisfy(d -> assertThat(d.severity()).isEqualTo(Severity.ERROR));
    }

    @Test
    void validateReadsAndValidatesButWritesNothing() throws IOException {
        Path out = dir.resolve("out");
        GenerationResult result = Generator.validate(GenerationRequest.builder()
                .service(MetadataSource.file(keyless(dir)), "com.example.keyless")
                .outputDirectories(out.resolve("java"), out.resolve("resources")).build());
        assertThat(result.refused()).isTrue();
        assertThat(out).doesNotExist();
    }

    @Test
    void outputDirectoriesReceiveSourcesAndResources() throws IOException {
        Path sources = dir.resolve("generated-sources");
        Path resources = dir.resolve("generated-resources");
        Generator.generate(GenerationRequest.builder()
                .service(MetadataSource.file(fieldService()), "com.example.field")
                .outputDirectories(sources, resources).build());

        assertThat(sources.resolve("com/example/field/ContainerService.java")).isRegularFile();
        assertThat(resources.resolve("META-INF/outpost/com/example/field/metadata.xml")).hasSameBinaryContentAs(fieldService());
        try (Stream<Path> files = Files.walk(resources)) {
            assertThat(files.filter(Files::isRegularFile)).hasSize(1);
        }
    }

    @Test
    void anUnreadableDocumentIsALocatedErrorAndNothingIsWritten() throws IOException {
        Path broken = dir.resolve("broken.xml");
        Files.writeString(broken, "<edmx:Edmx xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\" Version=\"4.0\">\n"
                + "  <edmx:DataServices>\n</edmx:Edmx>\n");
        InMemoryOutputSink sink = new InMemoryOutputSink();
        GenerationRequest request = GenerationRequest.builder()
                .service(MetadataSource.file(fieldService()), "com.example.field")
                .service(MetadataSource.file(broken), "com.example.broken")
                .sink(sink).build();

        assertThatThrownBy(() -> Generator.generate(request)).isInstanceOf(MetadataException.class)
                .hasMessageStartingWith(broken + ":3:");
        assertThat(sink.files()).isEmpty();
    }

    @Test
    void badRequestsAreRefusedWithWhatToDo() {
        MetadataSource field = MetadataSource.file(fieldService());
        assertThatThrownBy(() -> GenerationRequest.builder().build())
                .hasMessage("a generation request needs at least one service");
        assertThatThrownBy(() -> GenerationRequest.builder().service(field, "com.example.a")
                .service(MetadataSource.file(Corpus.file("trippin.xml")), "com.example.a").build())
                .hasMessage("the services " + fieldService() + " and " + Corpus.file("trippin.xml")
                        + " both use the package com.example.a; give each service its own package");
        assertThatThrownBy(() -> GenerationRequest.builder()
                .service(GenerationRequest.Service.of(field, "com.example.a").withName("Field"))
                .service(GenerationRequest.Service.of(field, "com.example.b").withName("field")).build())
                .hasMessageContaining("are both named 'field' (names are compared ignoring case)");
        assertThatThrownBy(() -> GenerationRequest.Service.of(field, "com.example.class"))
                .hasMessageContaining("'class' is not an identifier");
        assertThatThrownBy(() -> GenerationRequest.builder().service(field, "com.example.a").sink(new InMemoryOutputSink())
                .outputDirectories(dir, dir).build())
                .hasMessage("give either an output sink or output directories, not both");
        assertThatThrownBy(() -> Generator.generate(GenerationRequest.builder().service(field, "com.example.a").build()))
                .hasMessage("the generation request names no output; give output directories or a sink");
    }

    @Test
    void theVersionComesFromTheBuild() {
        assertThat(Generator.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
}
