package dev.outpost.cli;

import dev.outpost.testing.LoopbackHttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.outpost.cli.ValidateCommandTest.fieldService;
import static dev.outpost.cli.ValidateCommandTest.keylessEntitySet;
import static dev.outpost.cli.ValidateCommandTest.outpost;
import static org.assertj.core.api.Assertions.assertThat;

/** G8: {@code outpost generate} run in-process, with its exit status, output and the files it writes. */
class GenerateCommandTest {

    @TempDir
    Path dir;

    @Test
    void generatesTheExampleServiceAndExitsZero() {
        Path out = dir.resolve("out");
        ValidateCommandTest.Run run = outpost("generate", fieldService().toString(), "--package", "com.example.field",
                "--out", out.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains(fieldService() + ":195:9: warning: [OUT104] Entity set 'Parts' has no ETag")
                .doesNotContain("info: [OUT110]")
                .endsWith("generated 11 files for Container (com.example.field) below " + out
                        + "; 0 errors, 1 warning, 9 infos (see 'outpost validate' for the infos)\n");
        assertThat(out.resolve("java/com/example/field/ContainerService.java")).isRegularFile();
        assertThat(out.resolve("java/com/example/field/WorkOrder.java")).content().contains("public class WorkOrder extends");
        assertThat(out.resolve("resources/META-INF/outpost/com/example/field/metadata.xml")).hasSameBinaryContentAs(fieldService());
    }

    @Test
    void aNameAndASchemaDirectory() {
        Path out = dir.resolve("out");
        Path schemas = dir.resolve("outpost");
        ValidateCommandTest.Run run = outpost("generate", fieldService().toString(), "-p", "com.example.field",
                "--out", out.toString(), "--name", "Field", "--schemas", schemas.toString());

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("schema version 1 recorded in " + schemas.resolve("Field") + "\n")
                .contains("generated 12 files for Field (com.example.field)");
        assertThat(out.resolve("java/com/example/field/FieldService.java")).isRegularFile();
        assertThat(schemas.resolve("Field/1.json")).isRegularFile();
        assertThat(out.resolve("resources/META-INF/outpost/schema/FieldService.Container/1.json"))
                .hasSameTextualContentAs(schemas.resolve("Field/1.json"));
    }

    @Test
    void errorFindingsRefuseGenerationWithExitOneAndWriteNothing() throws IOException {
        Path keyless = keylessEntitySet(dir);
        Path out = dir.resolve("out");

        ValidateCommandTest.Run run = outpost("generate", keyless.toString(), "--package", "com.example.keyless",
                "--out", out.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).isEmpty();
        assertThat(run.out().lines().toList()).containsExactly(
                keyless + ":5:7: error: [OUT101] Entity type 'Keyless.Reading' has no key, but entity set 'Readings'"
                        + " uses it. The store cannot identify downloaded entities of this type, so it cannot update,"
                        + " merge or remove them on the next download, and it cannot address them in queued requests."
                        + " Declare a Key on the entity type or one of its base types; without a key the type cannot be"
                        + " used offline.",
                "generation refused: Container: 1 error, 1 warning, 2 infos in " + keyless + "; validation failed: 1 finding"
                        + " at or above error; nothing was generated. Fix the findings above, or change their severity"
                        + " or the failure threshold (error) if they are acceptable offline.");
        assertThat(out).doesNotExist();

        assertThat(outpost("generate", keyless.toString(), "--package", "com.example.keyless", "--out", out.toString(),
                "--fail-on", "never").status()).isZero();
        assertThat(out.resolve("java/com/example/keyless/ContainerService.java")).isRegularFile();
        assertThat(outpost("generate", fieldService().toString(), "--package", "com.example.field", "--out",
                dir.resolve("strict").toString(), "--severity", "OUT104=error").status()).isEqualTo(1);
    }

    @Test
    void badUsageAndUnreadableInputExitTwo() {
        String out = dir.resolve("out").toString();
        ValidateCommandTest.Run noPackage = outpost("generate", fieldService().toString(), "--out", out);
        assertThat(noPackage.status()).isEqualTo(2);
        assertThat(noPackage.err()).startsWith("outpost: Missing required option: '--package=PACKAGE'");

        ValidateCommandTest.Run badPackage = outpost("generate", fieldService().toString(), "--package", "com.example.class",
                "--out", out);
        assertThat(badPackage.status()).as(badPackage.err()).isEqualTo(2);
        assertThat(badPackage.err()).isEqualTo("outpost: 'com.example.class' is not a Java package name: 'class' is not"
                + " an identifier; use something like com.example.trippin; see 'outpost generate --help'\n");

        ValidateCommandTest.Run missing = outpost("generate", "no-such-metadata.xml", "--package", "com.example", "--out", out);
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("outpost: no-such-metadata.xml: file not found; pass the path of a $metadata"
                + " XML document\n");

        ValidateCommandTest.Run v2 = outpost("generate", dev.outpost.testing.Corpus.file("v2-northwind.xml").toString(),
                "--package", "com.example", "--out", out);
        assertThat(v2.status()).isEqualTo(2);
        assertThat(v2.err()).contains("this is an OData V2 $metadata document");
        assertThat(outpost("generate", fieldService().toString(), "--package", "com.example", "--out", out,
                "--fail-on", "sometimes").status()).isEqualTo(2);
        assertThat(Path.of(out)).doesNotExist();
    }

    @Test
    void readsAServiceUrlWithHeaders() throws IOException {
        byte[] metadata = Files.readAllBytes(fieldService());
        try (LoopbackHttpServer server = LoopbackHttpServer.start(Map.of(
                "/odata/$metadata", new LoopbackHttpServer.Response(200, "application/xml", metadata)))) {
            Path out = dir.resolve("out");
            ValidateCommandTest.Run run = outpost("generate", server.uri("/odata/$metadata").toString(),
                    "--header", "Authorization=Bearer s3cret==", "--package", "com.example.field", "--out", out.toString());

            assertThat(run.status()).isZero();
            assertThat(run.out()).doesNotContain("s3cret");
            assertThat(server.requestHeaders()).singleElement()
                    .satisfies(h -> assertThat(h.get("Authorization")).isEqualTo(List.of("Bearer s3cret==")));
            assertThat(out.resolve("resources/META-INF/outpost/com/example/field/metadata.xml")).hasBinaryContent(metadata);
        }
    }

    @Test
    void help() {
        ValidateCommandTest.Run help = outpost("generate", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("Usage: outpost generate").contains("--package=PACKAGE").contains("--out=DIR")
                .contains("--name=NAME").contains("--schemas=DIR").contains("--fail-on=LEVEL")
                .contains("1   a finding at or above the --fail-on level");
        assertThat(outpost("--help").out()).contains("generate");
    }
}
