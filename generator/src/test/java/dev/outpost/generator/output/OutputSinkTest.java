package dev.outpost.generator.output;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputSinkTest {

    @Test
    void inMemoryKeepsFilesOrderedAndRefusesDuplicates() {
        InMemoryOutputSink sink = new InMemoryOutputSink();
        sink.write(GeneratedFile.text(GeneratedFile.Kind.RESOURCE, "META-INF/x.xml", "<x/>"));
        sink.write(GeneratedFile.text(GeneratedFile.Kind.SOURCE, "b/B.java", "class B {}"));
        sink.write(GeneratedFile.text(GeneratedFile.Kind.SOURCE, "a/A.java", "class A {}"));
        assertThat(sink.files()).extracting(GeneratedFile::toString)
                .containsExactly("SOURCE:a/A.java", "SOURCE:b/B.java", "RESOURCE:META-INF/x.xml");
        assertThatThrownBy(() -> sink.write(GeneratedFile.text(GeneratedFile.Kind.SOURCE, "a/A.java", "")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a/A.java");
    }

    @Test
    void pathsAreRelativeWithSlashes() {
        assertThatThrownBy(() -> GeneratedFile.text(GeneratedFile.Kind.SOURCE, "/abs/A.java", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeneratedFile.text(GeneratedFile.Kind.SOURCE, "a\\A.java", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeneratedFile.text(GeneratedFile.Kind.SOURCE, "../A.java", ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void directorySinkWritesEachKindBelowItsRootAndLeavesUnchangedFilesAlone(@TempDir Path dir) throws IOException {
        Path sources = dir.resolve("generated-sources");
        Path resources = dir.resolve("generated-resources");
        DirectoryOutputSink sink = new DirectoryOutputSink(sources, resources);
        sink.write(GeneratedFile.text(GeneratedFile.Kind.SOURCE, "com/x/A.java", "class A {}\n"));
        sink.write(GeneratedFile.text(GeneratedFile.Kind.RESOURCE, "META-INF/x.xml", "<x/>"));
        Path a = sources.resolve("com/x/A.java");
        assertThat(a).hasContent("class A {}");
        assertThat(resources.resolve("META-INF/x.xml")).hasContent("<x/>");

        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(a, old);
        sink.write(GeneratedFile.text(GeneratedFile.Kind.SOURCE, "com/x/A.java", "class A {}\n"));
        assertThat(Files.getLastModifiedTime(a)).isEqualTo(old);
        sink.write(GeneratedFile.text(GeneratedFile.Kind.SOURCE, "com/x/A.java", "class A { }\n"));
        assertThat(a).hasContent("class A { }");
    }
}
