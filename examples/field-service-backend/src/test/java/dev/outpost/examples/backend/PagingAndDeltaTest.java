package dev.outpost.examples.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server-driven paging with next links, and delta links with changed and removed entities. */
class PagingAndDeltaTest {

  /** Follows next links from {@code first}; returns every page's body. */
  static List<JsonNode> pages(Client client, String first, String... headers) {
    List<JsonNode> pages = new ArrayList<>();
    String next = first;
    while (next != null) {
      HttpResponse<String> response = client.get(next, headers);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode page = Client.json(response);
      pages.add(page);
      next = page.has("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
    }
    return pages;
  }

  static List<String> ids(List<JsonNode> pages) {
    List<String> ids = new ArrayList<>();
    pages.forEach(page -> page.get("value").forEach(entity -> ids.add(entity.has("@removed")
        ? "removed:" + entity.get("@removed").get("reason").asText() + ":" + entity.get("@id").asText()
        : entity.get("Id").asText())));
    return ids;
  }

  @Test
  void defaultPageSizeAndMaxPageSizeGiveNextLinks() {
    try (FieldServiceBackend backend = FieldServiceBackend.start(BackendOptions.defaults().withPageSize(4))) {
      backend.seed(Seed.workOrders(10));
      Client client = new Client(backend);

      List<JsonNode> pages = pages(client, "WorkOrders?$select=Id");
      assertThat(pages).hasSize(3);
      assertThat(ids(pages)).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
      assertThat(pages.get(0).get("@odata.nextLink").asText()).startsWith(backend.serviceRoot() + "WorkOrders?");

      HttpResponse<String> preferred = client.get("WorkOrders?$filter=Id gt 2", "Prefer", "odata.maxpagesize=3");
      assertThat(preferred.headers().firstValue("Preference-Applied")).hasValue("odata.maxpagesize=3");
      assertThat(ids(pages(client, "WorkOrders?$filter=Id gt 2&$top=5", "Prefer", "odata.maxpagesize=3")))
          .containsExactly("3", "4", "5", "6", "7");
      assertThat(ids(pages(client, "WorkOrders?$orderby=Id desc&$skip=1", "Prefer", "odata.maxpagesize=4")))
          .containsExactly("9", "8", "7", "6", "5", "4", "3", "2", "1");
    }
  }

  @Test
  void linksCanBeRelativeToTheServiceRoot() {
    try (FieldServiceBackend backend = FieldServiceBackend.start(BackendOptions.defaults().withPageSize(2)
        .withRelativeLinks(true))) {
      backend.seed(Seed.workOrders(3));
      Client client = new Client(backend);

      JsonNode first = Client.json(client.get("WorkOrders", "Prefer", "odata.track-changes"));
      assertThat(first.get("@odata.nextLink").asText()).startsWith("WorkOrders?$skiptoken=");
      JsonNode last = Client.json(client.get(first.get("@odata.nextLink").asText()));
      assertThat(last.get("@odata.deltaLink").asText()).startsWith("WorkOrders?$deltatoken=");
    }
  }

  @Test
  void deltaLinksReportChangesRemovalsAndEntitiesThatLeftTheFilter() {
    try (FieldServiceBackend backend = FieldServiceBackend.start(BackendOptions.defaults().withPageSize(2))) {
      backend.seed(Seed.workOrders(5).withParts(2));
      Client client = new Client(backend);

      HttpResponse<String> initial = client.get("WorkOrders?$filter=Priority ge 2&$select=Id,Title&$expand=Parts",
          "Prefer", "odata.track-changes");
      assertThat(initial.headers().firstValue("Preference-Applied")).hasValue("odata.track-changes");
      List<JsonNode> firstRead = pages(client, "WorkOrders?$filter=Priority ge 2&$select=Id,Title&$expand=Parts",
          "Prefer", "odata.track-changes");
      assertThat(ids(firstRead)).containsExactly("1", "2", "3", "4");
      String deltaLink = firstRead.get(firstRead.size() - 1).get("@odata.deltaLink").asText();

      client.patch("WorkOrders(2)", "{\"Title\":\"changed\"}", "If-Match", "*");
      client.patch("WorkOrders(3)", "{\"Priority\":1}", "If-Match", "*");
      client.delete("WorkOrders(4)", "If-Match", "*");
      client.post("WorkOrders", "{\"Title\":\"new\",\"Priority\":5}");
      client.post("Parts('P-00001')/WorkOrders/$ref", "{\"@odata.id\":\"WorkOrders(1)\"}");

      List<JsonNode> delta = pages(client, deltaLink);
      assertThat(delta).hasSizeGreaterThan(1);
      assertThat(ids(delta)).containsExactly("2", "removed:changed:" + backend.serviceRoot() + "WorkOrders(3)",
          "removed:deleted:" + backend.serviceRoot() + "WorkOrders(4)", "6", "1");
      JsonNode relinked = delta.get(delta.size() - 1).get("value").get(0);
      assertThat(relinked.get("Parts").findValuesAsText("PartNumber")).containsExactly("P-00001");
      assertThat(relinked.has("Description")).isFalse();

      String next = delta.get(delta.size() - 1).get("@odata.deltaLink").asText();
      assertThat(ids(pages(client, next))).isEmpty();
    }
  }

  @Test
  void withDeltaOffTrackChangesIsIgnored() {
    try (FieldServiceBackend backend = FieldServiceBackend.start(BackendOptions.defaults().withDelta(false))) {
      backend.seed(Seed.workOrders(2));
      Client client = new Client(backend);

      HttpResponse<String> read = client.get("WorkOrders", "Prefer", "odata.track-changes");
      assertThat(read.headers().firstValue("Preference-Applied")).isEmpty();
      assertThat(Client.json(read).has("@odata.deltaLink")).isFalse();
      assertThat(client.get("WorkOrders?$deltatoken=1").statusCode()).isEqualTo(400);
    }
  }

  @Test
  void partsHaveNoChangeTrackingSoNoDeltaLink() {
    try (FieldServiceBackend backend = FieldServiceBackend.start()) {
      backend.seed(Seed.workOrders(1));
      assertThat(Client.json(new Client(backend).get("Parts", "Prefer", "odata.track-changes"))
          .has("@odata.deltaLink")).isFalse();
    }
  }
}
