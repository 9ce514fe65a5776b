package dev.outpost.examples.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps {@code docs/getting-started.md} and compiled code equal. Every {@code java} and
 * {@code xml} block of the guide follows a line {@code <!-- sample: NAME -->} and must equal the
 * region NAME ({@code tag::NAME[]} to {@code end::NAME[]}, common indentation removed) of
 * {@link GettingStartedSamples} (java) or of this module's {@code pom.xml} (xml); every region of
 * the samples must be shown. To rewrite the guide's blocks from the code after changing the
 * samples, run the test with {@code -Doutpost.updateGuide=true}.
 */
class GettingStartedDocTest {

    private static final Path MODULE = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
    private static final Path GUIDE = MODULE.resolve("../../docs/getting-started.md").normalize();
    private static final Path SAMPLES = MODULE.resolve("src/test/java/dev/outpost/examples/app/GettingStartedSamples.java");
    private static final Path POM = MODULE.resolve("pom.xml");
    private static final Pattern BLOCK = Pattern.compile(
            "<!-- sample: ([\\w-]+) -->\\n```(java|xml)\\n(.*?)```\\n|```(java|xml)\\n", Pattern.DOTALL);
    private static final Pattern REGION = Pattern.compile(
            "^[ \\t]*(?://|<!--) tag::([\\w-]+)\\[\\](?: -->)?\\n(.*?)^[ \\t]*(?://|<!--) end::\\1\\[\\]", Pattern.DOTALL | Pattern.MULTILINE);

    @Test
    void everyCodeBlockOfTheGuideIsCompiledCode() throws IOException {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        Map<String, String> java = regions(SAMPLES);
        Map<String, String> xml = regions(POM);
        assertThat(java).as("regions of " + SAMPLES).isNotEmpty();
        assertThat(xml).as("regions of " + POM).isNotEmpty();
        List<String> problems = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        StringBuilder updated = new StringBuilder();
        Matcher m = BLOCK.matcher(guide);
        int last = 0;
        while (m.find()) {
            updated.append(guide, last, m.start());
            last = m.end();
            if (m.group(1) == null) {
                problems.add("a ```" + m.group(4) + " block at line " + line(guide, m.start())
                        + " has no <!-- sample: NAME --> line before it naming the region it shows");
                updated.append(m.group());
                continue;
            }
            String name = m.group(1);
            Map<String, String> source = m.group(2).equals("java") ? java : xml;
            String code = source.get(name);
            if (code == null) {
                problems.add("sample '" + name + "' at line " + line(guide, m.start()) + " names no region of "
                        + (source == java ? SAMPLES.getFileName() : POM) + "; regions: " + source.keySet());
                updated.append(m.group());
                continue;
            }
            shown.add(name);
            if (!code.equals(m.group(3))) {
                differences.add("sample '" + name + "' at line " + line(guide, m.start()) + " differs from the code:\n"
                        + "--- guide\n" + m.group(3) + "--- code\n" + code);
            }
            updated.append("<!-- sample: ").append(name).append(" -->\n```").append(m.group(2)).append('\n').append(code)
                    .append("```\n");
        }
        updated.append(guide.substring(last));
        for (String name : java.keySet()) {
            if (!shown.contains(name)) {
                problems.add("region '" + name + "' of " + SAMPLES.getFileName() + " is not shown in the guide");
            }
        }
        if (Boolean.getBoolean("outpost.updateGuide")) {
            Files.writeString(GUIDE, updated.toString(), StandardCharsets.UTF_8);
            differences.clear();
        }
        assertThat(problems).as("the guide's samples").isEmpty();
        assertThat(differences).as("run the test with -Doutpost.updateGuide=true to copy the code into the guide")
                .isEmpty();
    }

    @Test
    void regionsAreFoundWithTheirIndentationRemoved() {
        String text = "class A {\n    // tag::one[]\n    void f() {\n        g();\n    }\n    // end::one[]\n"
                + "    <!-- tag::two[] -->\n    <a/>\n    <!-- end::two[] -->\n}\n";
        assertThat(regions(text)).containsExactly(Map.entry("one", "void f() {\n    g();\n}\n"),
                Map.entry("two", "<a/>\n"));
    }

    private static Map<String, String> regions(Path file) throws IOException {
        return regions(Files.readString(file, StandardCharsets.UTF_8));
    }

    private static Map<String, String> regions(String text) {
        Map<String, String> regions = new LinkedHashMap<>();
        Matcher m = REGION.matcher(text);
        while (m.find()) {
            regions.put(m.group(1), dedent(m.group(2)));
        }
        return regions;
    }

    private static String dedent(String code) {
        List<String> lines = code.lines().toList();
        int indent = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return b.toString();
    }

    private static int line(String text, int offset) {
        return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    }
}
