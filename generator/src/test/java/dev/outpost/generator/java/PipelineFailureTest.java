package dev.outpost.generator.java;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** G3: a template bug fails generation and says where; it never writes Java that does not parse. */
class PipelineFailureTest {

    @Test
    void sourceThatDoesNotParseFailsNamingTheFileLineAndTemplate() {
        String broken = "package a;\n\npublic class Person {\n    public static final String X = ;\n}\n";
        assertThatThrownBy(() -> new JavaFormatter().format("a/Person.java", "structured.ftl", broken))
                .isInstanceOf(JavaEmitterException.class)
                .hasMessageStartingWith("a/Person.java:4:")
                .hasMessageContaining("template structured.ftl wrote Java that does not parse")
                .hasMessageContaining("public static final String X = ;");
    }

    @Test
    void aKeywordUsedAsAnIdentifierDoesNotPass() {
        String keyword = "package a;\n\nclass Person {\n    String record() { return null; }\n    int _ = 1;\n}\n";
        assertThatThrownBy(() -> new JavaFormatter().format("a/Person.java", "structured.ftl", keyword))
                .isInstanceOf(JavaEmitterException.class).hasMessageStartingWith("a/Person.java:5:");
    }

    @Test
    void formattingIsOneLayoutWithLineFeeds() {
        String messy = "package a;\r\nclass  Person{int x=1;\r\n\r\n\r\n  /** Doc. */ void f( ){}}";
        assertThat(new JavaFormatter().format("a/Person.java", "t", messy)).isEqualTo("""
                package a;

                class Person {

                    int x = 1;

                    /**
                     * Doc.
                     */
                    void f() {
                    }
                }
                """);
    }

    /** A view without the values the template needs. */
    record Incomplete(String header, String packageName, List<String> imports) {
    }

    @Test
    void aTemplateThatMissesAValueFailsNamingTheTemplateLineAndFile() {
        assertThatThrownBy(() -> new Templates().render("enum.ftl", new Incomplete("// h", "a", List.of()), "a/X.java"))
                .isInstanceOf(JavaEmitterException.class)
                .hasMessageStartingWith("template enum.ftl failed at line 10, column 8")
                .hasMessageContaining("doc")
                .hasMessageNotContaining("Tip:")
                .hasMessageContaining("while generating a/X.java");
    }
}
