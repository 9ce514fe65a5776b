package dev.outpost.examples.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/** The committed metadata.xml is exactly what the running service serves at $metadata. */
class MetadataDocumentTest {

  static FieldServiceBackend backend;
  static Client client;

  @BeforeAll
  static void start() {
    backend = FieldServiceBackend.start();
    client = new Client(backend);
  }

  @AfterAll
  static void stop() {
    backend.close();
  }

  @Test
  void servedMetadataEqualsTheCommittedFile() throws Exception {
    HttpResponse<String> served = client.get("$metadata");

    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
        .startsWith("application/xml"));
    try (InputStream committed = FieldServiceBackend.metadataDocument()) {
      assertThat(canonical(new ByteArrayInputStream(served.body().getBytes(StandardCharsets.UTF_8))))
          .isEqualTo(canonical(committed));
    }
  }

  @Test
  void serviceDocumentListsEveryEntitySet() {
    HttpResponse<String> served = client.get("");

    assertThat(Client.json(served).get("value").findValuesAsText("name"))
        .containsExactly("Customers", "Technicians", "WorkOrders", "Tasks", "Parts");
  }

  /** The element tree as text: names, sorted attributes, trimmed text; whitespace between elements ignored. */
  private static String canonical(InputStream xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    Element root = factory.newDocumentBuilder().parse(xml).getDocumentElement();
    StringBuilder out = new StringBuilder();
    write(root, 0, out);
    return out.toString();
  }

  private static void write(Element element, int depth, StringBuilder out) {
    Map<String, String> attributes = new TreeMap<>();
    NamedNodeMap map = element.getAttributes();
    for (int i = 0; i < map.getLength(); i++) {
      Node attribute = map.item(i);
      if (!"http://www.w3.org/2000/xmlns/".equals(attribute.getNamespaceURI())) {
        attributes.put(attribute.getLocalName(), attribute.getNodeValue());
      }
    }
    out.append("  ".repeat(depth)).append('{').append(element.getNamespaceURI()).append('}')
        .append(element.getLocalName()).append(' ').append(attributes);
    List<Element> children = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element e) {
        children.add(e);
      } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
        text.append(child.getNodeValue());
      }
    }
    out.append(' ').append(text.toString().trim()).append('\n');
    children.forEach(child -> write(child, depth + 1, out));
  }
}
