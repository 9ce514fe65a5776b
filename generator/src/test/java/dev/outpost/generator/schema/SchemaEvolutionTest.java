package dev.outpost.generator.schema;

import dev.outpost.generator.GenerationRequest;
import dev.outpost.generator.GenerationResult;
import dev.outpost.generator.Generator;
import dev.outpost.generator.output.GeneratedFile;
import dev.outpost.generator.output.InMemoryOutputSink;
import dev.outpost.generator.testing.ExampleService;
import dev.outpost.model.MetadataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * G6 at build time: the schema history in the source tree follows the {@code $metadata}
 * (first version, unchanged, additive change, refused non-additive change), is packaged as
 * resources, and is proven by the verification.
 */
class SchemaEvolutionTest {

    private static final String DESCRIPTION = "<Property Name=\"Description\" Type=\"Edm.String\" MaxLength=\"2000\"/>";
    private static final String PACKAGED = "META-INF/outpost/schema/FieldService.Container/";

    @TempDir
    Path dir;

    private Path metadata;
    private Path schemas;

    @BeforeEach
    void copyTheExampleService() throws IOException {
        metadata = dir.resolve("metadata.xml");
        Files.copy(ExampleService.metadata(), metadata);
        schemas = dir.resolve("src/main/outpost");
    }

    private GenerationRequest request(InMemoryOutputSink sink) {
        return GenerationRequest.builder()
                .service(GenerationRequest.Service.of(MetadataSource.file(metadata), "com.example.field").withName("Field"))
                .sink(sink).schemaDirectory(schemas).build();
    }

    private GenerationResult generate() {
        return Generator.generate(request(new InMemoryOutputSink()));
    }

    private void edit(String from, String to) throws IOException {
        String xml = Files.readString(metadata, StandardCharsets.UTF_8);
        assertThat(xml).contains(from);
        Files.writeString(metadata, xml.replace(from, to), StandardCharsets.UTF_8);
    }

    private List<String> history() throws IOException {
        try (Stream<Path> files = Files.list(schemas.resolve("Field"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> packaged(GenerationResult result) {
        return result.files().stream().filter(f -> f.path().startsWith(PACKAGED))
                .map(f -> f.path().substring(PACKAGED.length())).toList();
    }

    @Test
    void theFirstRunRecordsVersionOneAndPackagesIt() throws IOException {
        GenerationResult result = generate();

        SchemaChange change = result.services().get(0).schema().orElseThrow();
        assertThat(change.kind()).isEqualTo(SchemaChange.Kind.FIRST_VERSION);
        assertThat(change.version()).isEqualTo(1);
        assertThat(change.describe()).isEqualTo("schema version 1 recorded in " + schemas.resolve("Field"));
        assertThat(history()).containsExactly("1.json");
        assertThat(packaged(result)).containsExactly("1.json");
        String json = Files.readString(schemas.resolve("Field/1.json"));
        assertThat(json).contains("\"service\" : \"FieldService.Container\"").contains("\"entitySet\" : \"WorkOrders\"");
        assertThat(result.files()).filteredOn(f -> f.path().equals(PACKAGED + "1.json")).singleElement()
                .extracting(GeneratedFile::text).isEqualTo(json);
    }

    @Test
    void anUnchangedDocumentAddsNothing() throws IOException {
        generate();
        GenerationResult again = generate();

        SchemaChange change = again.services().get(0).schema().orElseThrow();
        assertThat(change.kind()).isEqualTo(SchemaChange.Kind.UNCHANGED);
        assertThat(change.added()).isEmpty();
        assertThat(history()).containsExactly("1.json");
    }

    @Test
    void anAdditiveChangeAddsTheNextSnapshotAndItsMigration() throws IOException {
        generate();
        edit(DESCRIPTION, DESCRIPTION + "\n        <Property Name=\"Notes\" Type=\"Edm.String\"/>");

        GenerationResult result = generate();

        SchemaChange change = result.services().get(0).schema().orElseThrow();
        assertThat(change.kind()).isEqualTo(SchemaChange.Kind.NEW_VERSION);
        assertThat(change.version()).isEqualTo(2);
        assertThat(change.added()).containsExactly("1-to-2.sql", "2.json");
        assertThat(history()).containsExactly("1-to-2.sql", "1.json", "2.json");
        assertThat(Files.readString(schemas.resolve("Field/1-to-2.sql"))).isEqualTo("""
                -- Outpost schema migration of FieldService.Container from version 1 to 2.
                -- Generated from an additive $metadata change; a store at version 1 applies it in one transaction when it opens.
                ALTER TABLE "WorkOrders" ADD COLUMN "Notes" TEXT;
                ALTER TABLE "$server.WorkOrders" ADD COLUMN "Notes" TEXT;
                """);
        assertThat(packaged(result)).containsExactly("1-to-2.sql", "1.json", "2.json");
        assertThat(Generator.verifyMigrations(request(new InMemoryOutputSink()))).singleElement()
                .satisfies(v -> {
                    assertThat(v.problems()).isEmpty();
                    assertThat(v.versions()).isEqualTo(2);
                });
    }

    @Test
    void aNonAdditiveChangeIsRefusedNamingEachElementAndNothingIsWritten() throws IOException {
        generate();
        edit(DESCRIPTION, "");
        edit("<Property Name=\"Priority\" Type=\"Edm.Int32\"", "<Property Name=\"Priority\" Type=\"Edm.String\"");
        InMemoryOutputSink sink = new InMemoryOutputSink();

        GenerationResult result = Generator.generate(request(sink));

        assertThat(result.refused()).isTrue();
        assertThat(sink.files()).isEmpty();
        assertThat(history()).containsExactly("1.json");
        assertThat(result.refusals()).containsExactly("Field: the $metadata " + metadata + " changed in ways an installed"
                + " store cannot migrate to, compared with schema version 1 (" + schemas.resolve("Field/1.json") + "):\n"
                + "  - property 'WorkOrders/Description' was removed (or renamed)\n"
                + "  - property 'WorkOrders/Priority' changed its type from Edm.Int32 to Edm.String\n"
                + "Stores on devices keep their data across application updates only through additive changes (new entity"
                + " sets, properties, navigations). Either restore these elements in the $metadata (a rename is a removal"
                + " plus an addition: keep the old element), or, if the break is intended, start a new schema history by"
                + " deleting " + schemas.resolve("Field") + " and generating again; installed stores of the old schema then"
                + " refuse to open and must be deleted after uploading their pending changes.");
    }

    @Test
    void verificationFindsAGapAnEditedMigrationAndAStaleSnapshot() throws IOException {
        generate();
        edit(DESCRIPTION, DESCRIPTION + "\n        <Property Name=\"Notes\" Type=\"Edm.String\"/>");
        generate();
        Path migration = schemas.resolve("Field/1-to-2.sql");
        String sql = Files.readString(migration);

        Files.writeString(migration, sql.replace("ALTER TABLE \"$server.WorkOrders\" ADD COLUMN \"Notes\" TEXT;\n", ""));
        assertThat(Generator.verifyMigrations(request(new InMemoryOutputSink())).get(0).problems())
                .anySatisfy(p -> assertThat(p).startsWith("table \"$server.WorkOrders\" differs: after the migrations up to version 2 it is"))
                .anySatisfy(p -> assertThat(p).startsWith("the migrations do not produce the schema of version 2"));

        Files.delete(migration);
        assertThat(Generator.verifyMigrations(request(new InMemoryOutputSink())).get(0).problems()).containsExactly(
                "the schema history in " + schemas.resolve("Field") + " is not in order:\n"
                        + "  - 1-to-2.sql is missing: every version after the first needs the migration to it\n"
                        + "Restore the files from version control.");
        assertThatThrownBy(this::generate).isInstanceOf(SchemaHistoryException.class).hasMessageContaining("1-to-2.sql is missing");

        Files.writeString(migration, sql);
        Files.move(schemas.resolve("Field/2.json"), schemas.resolve("Field/3.json"));
        assertThat(Generator.verifyMigrations(request(new InMemoryOutputSink())).get(0).problems()).singleElement()
                .asString().contains("version 2 is missing: the snapshots are [1, 3]");
        Files.move(schemas.resolve("Field/3.json"), schemas.resolve("Field/2.json"));

        edit("<Property Name=\"Notes\" Type=\"Edm.String\"/>", "<Property Name=\"Notes\" Type=\"Edm.String\"/>"
                + "<Property Name=\"Remarks\" Type=\"Edm.String\"/>");
        assertThat(Generator.verifyMigrations(request(new InMemoryOutputSink())).get(0).problems()).first().asString()
                .isEqualTo(schemas.resolve("Field/2.json") + " is not the schema of the current $metadata; run the generate"
                        + " goal to record the change, then commit the new files");
    }

    @Test
    void verificationWithoutAHistorySaysHowToStartOne() {
        assertThat(Generator.verifyMigrations(request(new InMemoryOutputSink())).get(0).problems()).containsExactly(
                "there is no schema history in " + schemas.resolve("Field")
                        + "; run the generate goal (it records version 1) and commit the directory");
    }
}
