package dev.outpost.generator.java;

import dev.outpost.generator.output.GeneratedFile;
import dev.outpost.model.MetadataSource;
import dev.outpost.model.ServiceModel;
import dev.outpost.testing.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * G3: the proxies of every V4 document in the corpus compile warning-free against the runtime
 * ({@code -Xlint:all -Werror}, doclint), Microsoft Graph's 3,800 types included. Logs how long
 * reading, generating and compiling take.
 */
class CorpusCompileTest {

    static List<String> documents() {
        return Corpus.v4Documents().stream().map(p -> p.getFileName().toString()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    void proxiesCompileWithoutWarnings(String document) {
        long t0 = System.nanoTime();
        ServiceModel.read(MetadataSource.file(Corpus.file(document)));
        long t1 = System.nanoTime();
        List<GeneratedFile> files = CorpusProxies.of(document);
        long t2 = System.nanoTime();
        InMemoryCompiler.Result result = InMemoryCompiler.compile(files, Map.of(), InMemoryCompiler.STRICT);
        long t3 = System.nanoTime();
        System.out.printf("G3 corpus %s: read %d ms; read and generate %d files %d ms; compile %d ms%n", document,
                (t1 - t0) / 1_000_000, files.size(), (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        assertThat(result.success()).as(result.report()).isTrue();
        assertThat(result.classes()).as("classes compiled").hasSizeGreaterThanOrEqualTo(
                (int) files.stream().filter(f -> f.kind() == GeneratedFile.Kind.SOURCE).count());
        assertThat(files).filteredOn(f -> f.kind() == GeneratedFile.Kind.RESOURCE).singleElement()
                .satisfies(f -> assertThat(f.content()).isEqualTo(MetadataSource.file(Corpus.file(document)).load()));
    }
}
