package dev.outpost.generator.java;

import dev.outpost.generator.output.GeneratedFile;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ARCHITECTURE invariant 8: the same input gives byte-identical output. Two runs over separately
 * read models (so that no identity hash or map order can be shared) of the largest document.
 */
class DeterminismTest {

    @Test
    void twoRunsGiveByteIdenticalFiles() {
        List<GeneratedFile> first = CorpusProxies.of("msgraph-v1.0.xml");
        List<GeneratedFile> second = CorpusProxies.generate("msgraph-v1.0.xml");
        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(second.get(i).path()).isEqualTo(first.get(i).path());
            assertThat(second.get(i).content()).as(first.get(i).path()).isEqualTo(first.get(i).content());
        }
    }

    @Test
    void sourcesAreUtf8WithLineFeedsAndNoTimestamps() {
        for (GeneratedFile f : CorpusProxies.of("trippin.xml")) {
            if (f.kind() == GeneratedFile.Kind.SOURCE) {
                String text = new String(f.content(), StandardCharsets.UTF_8);
                assertThat(text).as(f.path()).doesNotContain("\r").endsWith("}\n")
                        .doesNotContainPattern("20\\d\\d-\\d\\d-\\d\\d");
            }
        }
    }
}
