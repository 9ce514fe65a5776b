package dev.outpost.model;

import dev.outpost.testing.Corpus;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** G1: unreadable documents fail with the location and the offending name, never with a bare runtime exception. */
class ReadErrorsTest {

    private static MetadataException readFails(MetadataSource source) {
        return (MetadataException) org.assertj.core.api.Assertions.catchThrowable(() -> ServiceModel.read(source));
    }

    @Test
    void odataV2DocumentIsRefusedWithAClearMessage() {
        MetadataException e = readFails(MetadataSource.file(Corpus.file("v2-northwind.xml")));
        assertThat(e.getMessage())
                .contains("v2-northwind.xml:")
                .contains("this is an OData V2 $metadata document")
                .contains("EDMX 1.0, DataServiceVersion 1.0, MaxDataServiceVersion 3.0")
                .contains("Outpost requires OData V4");
    }

    @Test
    void malformedXmlGivesFileLineAndColumn() {
        MetadataException e = readFails(MetadataSource.classpath("csdl/malformed.xml"));
        assertThat(e.problems()).hasSize(1);
        MetadataException.Problem p = e.problems().get(0);
        assertThat(p.location().source()).isEqualTo("classpath:csdl/malformed.xml");
        assertThat(p.location().line()).isEqualTo(8);
        assertThat(p.location().column()).isPositive();
        assertThat(p.message()).startsWith("malformed XML:").contains("Property");
    }

    @Test
    void danglingTypeReferencesNameEachTypeAtItsElement() {
        MetadataException e = readFails(MetadataSource.classpath("csdl/dangling-type.xml"));
        assertThat(e.problems()).extracting(p -> p.location().line() + ":" + p.location().column() + " " + p.message())
                .containsExactly(
                        "8:9 property 'Example.Broken.Order/Address' has type 'Example.Broken.Adress', which does not"
                                + " exist in schema 'Example.Broken'; declare the type or correct the name",
                        "9:9 property 'Example.Broken.Order/Amount' has type 'Edm.Money', which is not an Edm primitive"
                                + " type; use one of Edm.String, Edm.Int32, Edm.Decimal, ...",
                        "10:9 navigation property 'Example.Broken.Order/Customer' has type 'Unknown.Customer', but"
                                + " namespace 'Unknown' is neither declared here nor included by an edmx:Reference;"
                                + " declare or reference it",
                        "13:9 entity set 'Orders' has type 'Example.Broken.Ordr', which does not exist in schema"
                                + " 'Example.Broken'; declare the type or correct the name");
        assertThat(e.getMessage()).startsWith("4 problems:\nclasspath:csdl/dangling-type.xml:8:9: property");
    }

    @Test
    void keyThatNamesNoPropertyIsLocated() {
        MetadataException e = readFails(MetadataSource.classpath("csdl/bad-key.xml"));
        assertThat(e.getMessage()).isEqualTo("classpath:csdl/bad-key.xml:6:14: key property 'OrderId' of entity type"
                + " 'Example.Broken.Order' is not a property of the type; add the property or correct the PropertyRef");
    }

    @Test
    void jsonHtmlAndEmptyDocumentsAreNamedForWhatTheyAre() {
        assertThat(readFails(MetadataSource.bytes("svc.json", "{\"$Version\":\"4.01\"}".getBytes(StandardCharsets.UTF_8)))
                .getMessage()).isEqualTo("svc.json:1:1: this is JSON, not CSDL XML; request $metadata as XML"
                + " (Accept: application/xml or $format=xml)");
        assertThat(readFails(MetadataSource.bytes("login.html", "<html><body>Login</body></html>".getBytes(StandardCharsets.UTF_8)))
                .getMessage()).startsWith("login.html:1:1: not a CSDL document: the root element is <html>");
        assertThat(readFails(MetadataSource.bytes("empty.xml", "  \n".getBytes(StandardCharsets.UTF_8))).getMessage())
                .isEqualTo("empty.xml:1:1: the document is empty; expected a CSDL XML $metadata document");
    }

    @Test
    void doctypeIsRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"/>";
        assertThat(readFails(MetadataSource.bytes("xxe.xml", xxe.getBytes(StandardCharsets.UTF_8))).getMessage())
                .contains("DOCTYPE declarations are not allowed");
    }

    @Test
    void missingFileAndResourceAreClear() {
        assertThatThrownBy(() -> ServiceModel.read(MetadataSource.file(java.nio.file.Path.of("no/such/metadata.xml"))))
                .isInstanceOf(MetadataException.class)
                .hasMessage("no/such/metadata.xml: file not found; pass the path of a $metadata XML document");
        assertThatThrownBy(() -> ServiceModel.read(MetadataSource.classpath("csdl/none.xml")))
                .isInstanceOf(MetadataException.class)
                .hasMessageContaining("no such resource on the classpath");
    }
    private static MetadataException readText(String schemaBody) {
        String doc = "<edmx:Edmx Version=\"4.0\" xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\">\n"
                + "<edmx:DataServices>\n<Schema Namespace=\"Ex\" xmlns=\"http://docs.oasis-open.org/odata/ns/edm\">\n"
                + schemaBody + "\n</Schema>\n</edmx:DataServices>\n</edmx:Edmx>";
        return readFails(MetadataSource.bytes("x.xml", doc.getBytes(StandardCharsets.UTF_8)));
    }

    /** R3 (found by MetadataFuzzTest): a missing required attribute was a NullPointerException. */
    @Test
    void missingRequiredAttributesAreNamedAtTheirElements() {
        MetadataException e = readText("<EntityType Name=\"E\"><Key><PropertyRef Name=\"Id\"/></Key>\n"
                + "<Property Type=\"Edm.Int32\"/><Property Name=\"Id\"/></EntityType>\n<ComplexType/>");
        assertThat(e.problems()).extracting(Object::toString).containsExactly(
                "x.xml:5:1: <Property> has no Name attribute, which CSDL requires; add it",
                "x.xml:5:29: <Property> has no Type attribute, which CSDL requires; add it",
                "x.xml:6:1: <ComplexType> has no Name attribute, which CSDL requires; add it");
    }

    /** R3 (found by MetadataFuzzTest): Olingo reads a misplaced element's attributes as its parent's own. */
    @Test
    void misplacedElementsAreRefusedWhereTheyStand() {
        MetadataException e = readText("<EntityType Name=\"E\"><Key><PropertyRef Name=\"Id\"/></Key>\n"
                + "<Property Name=\"Id\" Type=\"Edm.Int32\"/><Record Name=\"Other\"/></EntityType>");
        assertThat(e.getMessage()).isEqualTo("x.xml:5:39: <Record> is not allowed in <EntityType>; CSDL allows Key,"
                + " Property, NavigationProperty, Annotation there; remove or move it");
        e = readText("<Annotations Target=\"Ex.E\"><Annotation Term=\"Core.Description\"><Record>"
                + "<Collection Property=\"x\"/></Record></Annotation></Annotations>");
        assertThat(e.getMessage()).startsWith("x.xml:4:72: <Collection> is not allowed in <Record>; CSDL allows"
                + " PropertyValue, Annotation there");
    }

    /** R3 (found by MetadataFuzzTest): these failed with NullPointerException and IllegalArgumentException. */
    @Test
    void documentShapesThatUsedToCrashTheReader() {
        String edmx = "<edmx:Edmx xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"%s></edmx:Edmx>";
        assertThat(readFails(MetadataSource.bytes("v.xml", String.format(edmx, "").getBytes(StandardCharsets.UTF_8)))
                .getMessage()).isEqualTo("v.xml:1:1: <edmx:Edmx> has no Version attribute; expected Version=\"4.0\" or \"4.01\"");
        assertThat(readFails(MetadataSource.bytes("d.xml", String.format(edmx, " Version=\"4.0\"")
                .getBytes(StandardCharsets.UTF_8))).getMessage()).isEqualTo("d.xml:1:1: <edmx:Edmx> has no"
                + " <edmx:DataServices> element, so the document declares no schema; use the service's complete $metadata");
        assertThat(readText("<Term Name=\"T\" Type=\"Edm.String\"><Annotation Term=\"NoDot\"/></Term>").getMessage())
                .isEqualTo("x.xml:4:34: annotation term 'NoDot' is not a qualified name; write Namespace.Name or Alias.Name");
        assertThat(readText("<EntityType Name=\"E\"><Key><PropertyRef Name=\"/\"/></Key>"
                + "<Property Name=\"Id\" Type=\"Edm.Int32\"/></EntityType>").getMessage())
                .contains("key property '/' of entity type 'Ex.E' is not a property of the type");
    }
}
