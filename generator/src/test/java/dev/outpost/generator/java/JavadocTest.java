package dev.outpost.generator.java;

import dev.outpost.model.Annotation;
import dev.outpost.model.AnnotationValue;
import dev.outpost.model.Annotations;
import dev.outpost.model.SourceLocation;
import dev.outpost.model.Terms;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JavadocTest {

    private static Annotations described(String description, String longDescription) {
        return new Annotations(List.of(
                new Annotation(Terms.CORE_DESCRIPTION, null,
                        new AnnotationValue.Constant(AnnotationValue.ConstantKind.STRING, description), SourceLocation.UNKNOWN),
                new Annotation(Terms.CORE_LONG_DESCRIPTION, null,
                        new AnnotationValue.Constant(AnnotationValue.ConstantKind.STRING, longDescription), SourceLocation.UNKNOWN)));
    }

    @Test
    void serviceTextCannotEndTheCommentStartATagOrFormAUnicodeEscape() {
        assertThat(Javadoc.escape("a */ b @return <i> & \\u000a {@code x}"))
                .isEqualTo("a *&#47; b &#64;return &lt;i&gt; &amp; &#92;u000a {&#64;code x}")
                .doesNotContain("*/").doesNotContain("@").doesNotContain("\\");
        assertThat(Javadoc.escape("tab\there\u0000")).isEqualTo("tab here ");
    }

    @Test
    void descriptionsComeFirstWithParagraphsAndWithoutBlankRuns() {
        List<String> lines = Javadoc.describing(described("  First line.\r\nSecond line.\n\n\n", "Long one.\n\n\nNext."),
                "Fallback.").paragraph("Facts.").lines();
        assertThat(lines).containsExactly("First line.", "Second line.", "", "<p>Long one.", "", "<p>Next.", "",
                "<p>Facts.");
    }

    @Test
    void withoutADescriptionTheFallbackSummaryIsUsed() {
        assertThat(Javadoc.describing(Annotations.NONE, "The property {@code X}.").tag("@return it").lines())
                .containsExactly("The property {@code X}.", "", "@return it");
    }

    @Test
    void namesAreShownInCodeFontUnlessTheyCouldBreakTheTag() {
        assertThat(Javadoc.code("Ns.Person")).isEqualTo("{@code Ns.Person}");
        assertThat(Javadoc.code("a}b")).isEqualTo("<code>a}b</code>");
        assertThat(Javadoc.code("x*/y")).isEqualTo("<code>x*&#47;y</code>");
    }

    @Test
    void stringLiteralsEscapeWhatJavaNeedsEscaped() {
        assertThat(Sources.literal("a\"b\\c\nd\u0001é😀")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001é😀\"");
        assertThat(Sources.literal("lone \ud800 surrogate")).isEqualTo("\"lone \\ud800 surrogate\"");
    }
}
