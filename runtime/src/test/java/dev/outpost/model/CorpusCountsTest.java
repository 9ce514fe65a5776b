package dev.outpost.model;

import dev.outpost.testing.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** G1/G2: every V4 corpus document reads, and the model holds exactly the counts the corpus README gives. */
class CorpusCountsTest {

    /** One row of the README's counts table, as written. */
    record Row(String file, List<String> cells) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Row> rows() throws IOException {
        String readme = Files.readString(Corpus.dir().resolve("README.md"));
        List<Row> rows = new ArrayList<>();
        boolean inCounts = false;
        for (String line : readme.split("\n")) {
            if (line.startsWith("| file | schemas |")) {
                inCounts = true;
                continue;
            }
            if (inCounts && line.startsWith("|---")) {
                continue;
            }
            if (inCounts && line.startsWith("|")) {
                String[] parts = line.split("\\|");
                List<String> cells = new ArrayList<>();
                for (int i = 2; i < parts.length; i++) {
                    cells.add(parts[i].trim());
                }
                rows.add(new Row(parts[1].trim() + ".xml", cells));
            } else if (inCounts) {
                break;
            }
        }
        assertThat(rows).as("counts table rows in corpus/README.md").hasSizeGreaterThanOrEqualTo(6);
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void modelMatchesTheCorpusCounts(Row row) {
        ServiceModel m = ServiceModel.read(MetadataSource.file(Corpus.file(row.file())));
        Map<String, String> expected = new LinkedHashMap<>();
        String[] columns = {"schemas", "EntityType", "ComplexType", "EnumType (flags)", "EntitySet", "Singleton",
                "nav", "BaseType E/C", "Action (bound)", "Function (bound)"};
        for (int i = 0; i < columns.length; i++) {
            expected.put(columns[i], normalise(row.cells().get(i)));
        }
        Map<String, String> actual = new LinkedHashMap<>();
        actual.put("schemas", String.valueOf(m.schemas().size()));
        actual.put("EntityType", String.valueOf(m.entityTypes().size()));
        actual.put("ComplexType", String.valueOf(m.complexTypes().size()));
        long flags = m.enumTypes().stream().filter(EnumType::isFlags).count();
        actual.put("EnumType (flags)", m.enumTypes().size() + (m.enumTypes().isEmpty() ? "" : " (" + flags + ")"));
        actual.put("EntitySet", String.valueOf(m.entitySets().size()));
        actual.put("Singleton", String.valueOf(m.singletons().size()));
        List<NavigationProperty> nav = m.structuredTypes().stream()
                .flatMap(t -> t.declaredNavigationProperties().stream()).toList();
        actual.put("nav", nav.size() + " (" + nav.stream().filter(NavigationProperty::collection).count() + " / "
                + nav.stream().filter(NavigationProperty::containsTarget).count() + " / "
                + nav.stream().filter(n -> n.partner() != null).count() + ")");
        actual.put("BaseType E/C", m.entityTypes().stream().filter(t -> t.baseType() != null).count() + " / "
                + m.complexTypes().stream().filter(t -> t.baseType() != null).count());
        actual.put("Action (bound)", operations(m, Operation.Kind.ACTION));
        actual.put("Function (bound)", operations(m, Operation.Kind.FUNCTION));
        // The README writes "0" alone where a count and its breakdown are both zero.
        actual.replaceAll((k, v) -> expected.get(k).equals("0") && v.matches("0( \\(0( / 0)*\\))?") ? "0" : v);
        assertThat(actual).isEqualTo(expected);
    }

    private static String operations(ServiceModel m, Operation.Kind kind) {
        List<Operation> ops = m.operations().stream().filter(o -> o.kind() == kind).toList();
        return ops.size() + " (" + ops.stream().filter(Operation::bound).count() + ")";
    }

    private static String normalise(String cell) {
        Matcher m = Pattern.compile(",").matcher(cell);
        return m.replaceAll("");
    }
}
