package dev.outpost.model;

import dev.outpost.OfflineStore;
import dev.outpost.OutpostException;
import dev.outpost.StoreOptions;
import dev.outpost.testing.Corpus;
import dev.outpost.testing.Fuzz;
import dev.outpost.testing.Mutator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R3, metadata: mutated corpus documents end in a {@link ServiceModel} or in a
 * {@link MetadataException} whose every problem names the document and says something, never in
 * any other exception or error (NullPointerException, ClassCastException, IndexOutOfBounds,
 * StackOverflowError, ...). A model that reads must also open a store or be refused with an
 * {@link OutpostException}. Mutations are XML-aware (attribute values, attributes, elements) and
 * plain text edits.
 *
 * <p>Cases: {@code -Doutpost.fuzz.scale=F} (suites {@code metadata}, 1000 cases, and
 * {@code metadata-graph}, 6), seed {@code -Doutpost.fuzz.seed}; see {@link Fuzz}.
 */
class MetadataFuzzTest {

    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z:]+)=\"([^\"]*)\"");
    private static final Pattern ELEMENT = Pattern.compile("<([A-Za-z:]+)[\\s>/]");

    /** Documents read in every run; the 3.5 MB Graph document gets a few cases of its own. */
    private static final List<String> SMALL = List.of("trippin.xml", "cap-library.xml", "northwind-v4.xml",
            "odata-wcf-service.xml", "sap-s4-eam-serialnumber.xml");

    private static final Map<String, String> DOCUMENTS = new LinkedHashMap<>();
    private static final List<String> NAMES = new ArrayList<>();

    @TempDir
    static Path dir;

    @BeforeAll
    static void load() throws IOException {
        for (Path p : Corpus.v4Documents()) {
            String text = Files.readString(p, StandardCharsets.UTF_8);
            DOCUMENTS.put(p.getFileName().toString(), text);
            if (SMALL.contains(p.getFileName().toString())) {
                Matcher m = ATTRIBUTE.matcher(text);
                while (m.find() && NAMES.size() < 5000) {
                    NAMES.add(m.group(2));
                }
            }
        }
    }

    /** Values an attribute may be given instead of its own: names and types from the corpus and odd ones. */
    private static final List<String> VALUES = List.of("", " ", "Edm.String", "Edm.Int32", "Edm.Decimal", "Edm.Stream",
            "Edm.Untyped", "Edm.Money", "Edm.PrimitiveType", "Edm.EntityType", "Edm.ComplexType", "Collection(Edm.String)",
            "Collection(Collection(Edm.Int32))", "Collection()", "Collection(", "Edm.", ".", "..", "a..b", "Self.X",
            "true", "false", "maybe", "TRUE", "0", "-1", "1e99", "99999999999999999999", "max", "variable", "floating",
            "4.0", "4.01", "1.0", "x/y/z", "/", "a/", "/a", "$it", "*", "#", "@", "Core.Computed", "Org.OData.Core.V1.Computed",
            "Unknown.Term", "Cascade", "SetNull", "None", "Fly", "\u0000", "😀", "\uD800", "x".repeat(70_000));

    private static final Mutator TEXT = new Mutator(List.of("<", ">", "/>", "</", "<!--", "-->", "<![CDATA[", "]]>",
            "&amp;", "&#0;", "&#x10FFFF;", "&unknown;", "=\"\"", "\"", "'", "<Property Name=\"P\" Type=\"Edm.String\"/>",
            "<NavigationProperty Name=\"N\" Type=\"Collection(Self.X)\" Partner=\"Q\"/>", "<Key><PropertyRef Name=\"Id\"/></Key>",
            "<EntityType Name=\"E\">", "</EntityType>", "<Annotation Term=\"Core.Computed\"/>",
            "<Annotation Term=\"Core.Description\"><Record><PropertyValue Property=\"x\"/></Record></Annotation>",
            "<Collection>", "</Collection>", "<Record>", "</Record>", "<If>", "<Path>a/b</Path>", "xmlns=\"urn:x\"",
            "BaseType=\"Self.E\"", "Abstract=\"true\"", "OpenType=\"true\"", "HasStream=\"true\"", "IsBound=\"true\"",
            "ContainsTarget=\"true\"", "Nullable=\"false\"", "MaxLength=\"-5\"", "Precision=\"0\"", "Scale=\"variable\"",
            "SRID=\"x\"", "DefaultValue=\"?\"", "Alias=\"Self\""));

    private static String mutateXml(String doc, Random r) {
        String s = doc;
        int steps = 1 + r.nextInt(3);
        for (int i = 0; i < steps; i++) {
            switch (r.nextInt(6)) {
                case 0, 1 -> s = replaceAttributeValue(s, r);
                case 2 -> s = removeAttribute(s, r);
                case 3 -> s = removeOrDuplicateElement(s, r);
                case 4 -> s = renameElement(s, r);
                default -> s = TEXT.mutate(s, r, 2);
            }
        }
        return s;
    }

    private static List<int[]> matches(Pattern p, String s, int group) {
        List<int[]> found = new ArrayList<>();
        Matcher m = p.matcher(s);
        while (m.find()) {
            found.add(new int[] {m.start(), m.end(), m.start(group), m.end(group)});
        }
        return found;
    }

    private static String replaceAttributeValue(String s, Random r) {
        List<int[]> all = matches(ATTRIBUTE, s, 2);
        if (all.isEmpty()) {
            return s;
        }
        int[] m = all.get(r.nextInt(all.size()));
        String value = switch (r.nextInt(4)) {
            case 0 -> NAMES.get(r.nextInt(NAMES.size()));
            case 1 -> s.substring(m[2], m[3]) + VALUES.get(r.nextInt(VALUES.size()));
            default -> VALUES.get(r.nextInt(VALUES.size()));
        };
        return s.substring(0, m[2]) + value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;")
                + s.substring(m[3]);
    }

    private static String removeAttribute(String s, Random r) {
        List<int[]> all = matches(ATTRIBUTE, s, 1);
        if (all.isEmpty()) {
            return s;
        }
        int[] m = all.get(r.nextInt(all.size()));
        return s.substring(0, m[0]) + s.substring(m[1]);
    }

    /** Removes an element (to its matching end tag when it is not empty), or repeats it. */
    private static String removeOrDuplicateElement(String s, Random r) {
        List<int[]> all = matches(ELEMENT, s, 1);
        if (all.isEmpty()) {
            return s;
        }
        int[] m = all.get(r.nextInt(all.size()));
        String name = s.substring(m[2], m[3]);
        int close = s.indexOf('>', m[0]);
        if (close < 0) {
            return s;
        }
        int end;
        if (s.charAt(close - 1) == '/') {
            end = close + 1;
        } else {
            int depth = 1;
            int at = close + 1;
            end = -1;
            Matcher tags = Pattern.compile("<(/?)" + Pattern.quote(name) + "([\\s>/])").matcher(s);
            while (tags.find(at)) {
                int tagEnd = s.indexOf('>', tags.start());
                if (tagEnd < 0) {
                    break;
                }
                boolean selfClosing = s.charAt(tagEnd - 1) == '/';
                if (tags.group(1).isEmpty()) {
                    depth += selfClosing ? 0 : 1;
                } else {
                    depth--;
                }
                at = tagEnd + 1;
                if (depth == 0) {
                    end = tagEnd + 1;
                    break;
                }
            }
            if (end < 0) {
                return s;
            }
        }
        String element = s.substring(m[0], end);
        return r.nextBoolean() ? s.substring(0, m[0]) + s.substring(end)
                : s.substring(0, end) + element.repeat(1 + r.nextInt(3)) + s.substring(end);
    }

    private static final List<String> ELEMENT_NAMES = List.of("EntityType", "ComplexType", "Property", "NavigationProperty",
            "Key", "PropertyRef", "EnumType", "Member", "EntitySet", "Singleton", "EntityContainer", "Action", "Function",
            "Parameter", "ReturnType", "Annotation", "Annotations", "Record", "Collection", "PropertyValue", "Schema",
            "TypeDefinition", "Term", "NavigationPropertyBinding", "ReferentialConstraint", "OnDelete", "FunctionImport",
            "ActionImport", "edmx:Include", "edmx:Reference", "Unknown");

    private static String renameElement(String s, Random r) {
        List<int[]> all = matches(ELEMENT, s, 1);
        if (all.isEmpty()) {
            return s;
        }
        int[] m = all.get(r.nextInt(all.size()));
        String name = s.substring(m[2], m[3]);
        String other = ELEMENT_NAMES.get(r.nextInt(ELEMENT_NAMES.size()));
        String out = s.substring(0, m[2]) + other + s.substring(m[3]);
        // rename the matching end tag too when there is one soon after, so the document stays well-formed
        int endTag = out.indexOf("</" + name + ">", m[2]);
        int nextStart = out.indexOf("<" + name, m[2] + other.length());
        if (endTag >= 0 && (nextStart < 0 || endTag < nextStart)) {
            out = out.substring(0, endTag + 2) + other + out.substring(endTag + 2 + name.length());
        }
        return out;
    }

    /** The oracle: a model, or a MetadataException naming the document with a message for every problem. */
    private static ServiceModel readOrRefuse(String source, String doc) {
        try {
            return ServiceModel.read(MetadataSource.bytes(source, doc.getBytes(StandardCharsets.UTF_8)));
        } catch (MetadataException e) {
            assertThat(e.getMessage()).isNotBlank();
            assertThat(e.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.location().source()).isEqualTo(source);
                assertThat(p.message()).isNotBlank().doesNotContain("'null'");
            });
            return null;
        }
    }

    private static int modelsRead;
    private static int storesOpened;

    private static void oneCase(String name, Random r, int number, boolean openStore) {
        String mutant = mutateXml(DOCUMENTS.get(name), r);
        ServiceModel model;
        try {
            model = readOrRefuse(name, mutant);
        } catch (AssertionError | RuntimeException | StackOverflowError e) {
            Path saved = Fuzz.save("metadata-" + number + "-" + name, mutant);
            if (mutant.length() > 500_000) {
                throw new AssertionError("reading a mutant of " + name + " (saved as " + saved + ") failed with " + e, e);
            }
            String shrunk = Mutator.shrink(mutant, m -> {
                try {
                    readOrRefuse(name, m);
                    return false;
                } catch (Throwable t) {
                    return t.getClass() == e.getClass();
                }
            });
            throw new AssertionError("reading a mutant of " + name + " (saved as " + saved + ") failed with " + e
                    + "\nshrunk mutant:\n"
                    + (shrunk.length() > 4000 ? shrunk.substring(0, 4000) + "..." : shrunk), e);
        }
        if (model == null) {
            return;
        }
        modelsRead++;
        if (openStore) {
            Path file = dir.resolve("case-" + number + ".db");
            try (OfflineStore store = OfflineStore.open(StoreOptions.of(file, model))) {
                storesOpened++;
                assertThat(store.integrityCheck()).isEqualTo("ok");
            } catch (OutpostException e) {
                assertThat(e.getMessage()).isNotBlank();
            } finally {
                for (String suffix : new String[] {"", "-wal", "-shm"}) {
                    Path.of(file + suffix).toFile().delete();
                }
            }
        }
    }

    @Test
    void mutatedSmallDocumentsReadOrFailWithALocatedMetadataException() {
        int cases = Fuzz.run("metadata", 1000, (r, n) -> oneCase(SMALL.get(n % SMALL.size()), r, n, n % 3 == 0));
        System.out.printf("metadata fuzz: %d mutants, %d read as models, %d opened as stores%n", cases, modelsRead,
                storesOpened);
    }

    @Test
    void mutatedGraphDocumentReadsOrFailsWithALocatedMetadataException() {
        Fuzz.run("metadata-graph", 6, (r, n) -> oneCase("msgraph-v1.0.xml", r, n, false));
    }
}
