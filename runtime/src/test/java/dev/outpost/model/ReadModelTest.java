package dev.outpost.model;

import dev.outpost.testing.Corpus;
import dev.outpost.testing.LoopbackHttpServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** G1/G2: the model a document reads into: aliases, annotations, facets, inputs. */
class ReadModelTest {

    private static final QualifiedName PRODUCT = new QualifiedName("Example.Shop.Model", "Product");

    private static ServiceModel shop() {
        return ServiceModel.read(MetadataSource.classpath("csdl/aliases.xml"));
    }

    @Test
    void aliasesResolveEverywhere() {
        ServiceModel m = shop();
        EntityType product = m.entityType(PRODUCT).orElseThrow();
        assertThat(m.property(product, "Dimensions").orElseThrow().type())
                .isEqualTo(new TypeRef(new QualifiedName("Example.Shop.Model", "Size"), false));
        assertThat(m.navigationProperty(product, "Category").orElseThrow().targetType())
                .isEqualTo(new QualifiedName("Example.Shop.Model", "Category"));
        assertThat(m.entitySet("Products").orElseThrow().entityType()).isEqualTo(PRODUCT);
        assertThat(m.resolve(m.property(product, "Dimensions").orElseThrow().type().name())).isInstanceOf(ComplexType.class);
        assertThat(m.operations(new QualifiedName("Example.Shop.Model", "Restock")).get(0).bindingType().name())
                .isEqualTo(PRODUCT);
    }

    @Test
    void typesOfReferencedDocumentsStayUnresolvedWithoutFailing() {
        ServiceModel m = shop();
        Property remote = m.property(m.entityType(PRODUCT).orElseThrow(), "Remote").orElseThrow();
        assertThat(m.resolve(remote.type().name())).isEqualTo(new UnresolvedType(new QualifiedName("Example.Other", "Thing")));
        assertThat(m.unresolvedAnnotations()).extracting(a -> a.term().toString())
                .containsExactly("Org.OData.Core.V1.Description");
    }

    @Test
    void inlineAndExternalAnnotationsAreFoundWithAliasesResolved() {
        ServiceModel m = shop();
        EntityType product = m.entityType(PRODUCT).orElseThrow();
        assertThat(m.property(product, "Id").orElseThrow().isComputed()).isTrue();
        assertThat(m.property(product, "Price").orElseThrow().annotations().string(Terms.CORE_DESCRIPTION))
                .contains("Net price");
        Annotation etag = m.entitySet("Products").orElseThrow().annotations()
                .find(Terms.CORE_OPTIMISTIC_CONCURRENCY).orElseThrow();
        assertThat(etag.value()).isEqualTo(new AnnotationValue.CollectionValue(List.of(
                new AnnotationValue.Path(AnnotationValue.PathKind.PROPERTY_PATH, "Price"))));
        assertThat(etag.location().line()).isEqualTo(57);
        Operation restock = m.operations(new QualifiedName("Example.Shop.Model", "Restock")).get(0);
        assertThat(restock.annotations().string(Terms.CORE_DESCRIPTION)).contains("Adds stock");
    }

    @Test
    void facetsEnumsAndConstraintsAreKept() {
        ServiceModel m = shop();
        EntityType product = m.entityType(PRODUCT).orElseThrow();
        Property price = m.property(product, "Price").orElseThrow();
        assertThat(price.facets()).isEqualTo(new Facets(null, 12, 2, false, null, null));
        assertThat(m.property(product, "Weight").orElseThrow().facets().variableScale()).isTrue();
        Property tags = m.property(product, "Tags").orElseThrow();
        assertThat(tags.type().collection()).isTrue();
        assertThat(tags.facets().maxLength()).isEqualTo(Facets.MAX_LENGTH_MAX);
        NavigationProperty category = m.navigationProperty(product, "Category").orElseThrow();
        assertThat(category.nullable()).isFalse();
        assertThat(category.partner()).isEqualTo("Products");
        assertThat(category.referentialConstraints()).containsExactly(new ReferentialConstraint("CategoryId", "Id"));
        EnumType color = m.enumType(new QualifiedName("Example.Shop.Model", "Color")).orElseThrow();
        assertThat(color.isFlags()).isTrue();
        EnumType status = m.enumType(new QualifiedName("Example.Shop.Model", "Status")).orElseThrow();
        assertThat(status.members()).extracting(EnumMember::value).containsExactly(0L, 1L);
        assertThat(m.entitySet("Products").orElseThrow().bindingTarget("Category")).contains("Categories");
        assertThat(m.key(product)).containsExactly(new PropertyRef("Id", null));
    }

    @Test
    void inheritanceIsWalkedForPropertiesAndKeys() {
        ServiceModel trippin = ServiceModel.read(MetadataSource.file(Corpus.file("trippin.xml")));
        EntityType flight = trippin.entityTypes().stream().filter(t -> t.qualifiedName().name().equals("Flight"))
                .findFirst().orElseThrow();
        assertThat(trippin.hierarchy(flight)).extracting(t -> t.qualifiedName().name())
                .containsExactly("PlanItem", "PublicTransportation", "Flight");
        assertThat(trippin.key(flight)).extracting(PropertyRef::path).containsExactly("PlanItemId");
        assertThat(trippin.properties(flight)).extracting(Property::name).contains("PlanItemId", "SeatNumber", "FlightNumber");
        assertThat(trippin.derivedTypes(trippin.structuredType(flight.baseType()).orElseThrow()))
                .extracting(t -> t.qualifiedName().name()).containsExactly("Flight");
    }

    @Test
    void graphReadsExternalAnnotationsIntoEntitySets() {
        ServiceModel graph = ServiceModel.read(MetadataSource.file(Corpus.file("msgraph-v1.0.xml")));
        EntitySet users = graph.entitySet("users").orElseThrow();
        assertThat(users.annotations().all()).isNotEmpty();
        assertThat(users.location().line()).isPositive();
        assertThat(graph.entityType(new QualifiedName("microsoft.graph", "user"))).isPresent();
    }

    @Test
    void readsFromFileClasspathStreamAndBytes() throws Exception {
        byte[] doc = Files.readAllBytes(Corpus.file("trippin.xml"));
        ServiceModel fromFile = ServiceModel.read(MetadataSource.file(Corpus.file("trippin.xml")));
        ServiceModel fromResource = ServiceModel.read(MetadataSource.classpath("csdl/aliases.xml"));
        ServiceModel fromStream;
        try (InputStream in = new ByteArrayInputStream(doc)) {
            fromStream = ServiceModel.read(MetadataSource.stream("trippin-stream", in));
        }
        assertThat(fromFile.entityTypes()).hasSize(9);
        assertThat(fromResource.source()).isEqualTo("classpath:csdl/aliases.xml");
        assertThat(fromStream.entityTypes()).hasSize(9);
        assertThat(fromStream.source()).isEqualTo("trippin-stream");
    }

    @Test
    void readsFromAServiceUrlWithRequestHeaders() throws Exception {
        byte[] doc = Files.readAllBytes(Corpus.file("trippin.xml"));
        try (LoopbackHttpServer server = LoopbackHttpServer.start(Map.of(
                "/svc/$metadata", new LoopbackHttpServer.Response(200, "application/xml", doc),
                "/locked/$metadata", new LoopbackHttpServer.Response(401, "text/plain", "no".getBytes())))) {
            ServiceModel m = ServiceModel.read(MetadataSource.url(server.uri("/svc/$metadata"),
                    Map.of("Authorization", "Bearer secret-token", "sap-client", "100")));
            assertThat(m.entitySets()).hasSize(4);
            assertThat(server.requestHeaders().get(0)).containsEntry("Authorization", List.of("Bearer secret-token"))
                    .containsEntry("Sap-client", List.of("100"))
                    .containsEntry("Accept", List.of("application/xml"));
            assertThatThrownBy(() -> ServiceModel.read(MetadataSource.url(server.uri("/locked/$metadata"),
                    Map.of("Authorization", "Bearer secret-token"))))
                    .isInstanceOf(MetadataException.class)
                    .hasMessageContaining("HTTP 401")
                    .hasMessageContaining("credentials")
                    .hasMessageNotContaining("secret-token");
        }
    }

    @Test
    void toleratesBomCrlfMissingDeclarationAndBlankLinesBeforeIt() throws Exception {
        String doc = Files.readString(Corpus.file("trippin.xml"));
        String body = doc.substring(doc.indexOf("<edmx:Edmx"));
        String declared = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n" + body;
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        List<byte[]> variants = List.of(
                body.getBytes(StandardCharsets.UTF_8),
                declared.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8),
                concat(bom, declared.getBytes(StandardCharsets.UTF_8)),
                ("\n\n" + declared).getBytes(StandardCharsets.UTF_8));
        for (byte[] v : variants) {
            assertThat(ServiceModel.read(MetadataSource.bytes("variant", v)).entityTypes()).hasSize(9);
        }
        String broken = declared.replace("<Key>", "<Key");
        MetadataException.Problem unshifted = readProblem(broken);
        MetadataException.Problem shifted = readProblem("\n\n" + broken);
        assertThat(shifted.location().line()).isEqualTo(unshifted.location().line() + 2);
        assertThat(shifted.message()).isEqualTo(unshifted.message()).doesNotContain("row,col");
    }

    private static MetadataException.Problem readProblem(String doc) {
        try {
            ServiceModel.read(MetadataSource.bytes("doc.xml", doc.getBytes(StandardCharsets.UTF_8)));
        } catch (MetadataException e) {
            return e.problems().get(0);
        }
        throw new AssertionError("expected the document to be refused");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
