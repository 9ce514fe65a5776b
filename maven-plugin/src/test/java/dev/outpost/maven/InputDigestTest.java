package dev.outpost.maven;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Staleness by digest: every input and setting counts, nothing else does. */
class InputDigestTest {

    @TempDir
    Path dir;

    private String digest(String config) {
        return new InputDigest().text(config).file(dir.resolve("metadata.xml")).directory(dir.resolve("history")).hex();
    }

    @Test
    void theSameInputsGiveTheSameDigestAndAnyChangeAnother() throws Exception {
        Files.writeString(dir.resolve("metadata.xml"), "<v1/>");
        String first = digest("com.example");
        assertThat(digest("com.example")).isEqualTo(first).hasSize(64);

        assertThat(digest("com.example.other")).isNotEqualTo(first);
        Files.writeString(dir.resolve("metadata.xml"), "<v2/>");
        String edited = digest("com.example");
        assertThat(edited).isNotEqualTo(first);

        Files.createDirectories(dir.resolve("history"));
        Files.writeString(dir.resolve("history/1.json"), "{}");
        assertThat(digest("com.example")).isNotEqualTo(edited);
        Files.writeString(dir.resolve("history/1.json"), "{ }");
        assertThat(digest("com.example")).isNotEqualTo(edited);
    }

    @Test
    void aMissingFileIsAnInputToo() {
        String absent = digest("x");
        assertThat(absent).isEqualTo(digest("x"));
    }
}
