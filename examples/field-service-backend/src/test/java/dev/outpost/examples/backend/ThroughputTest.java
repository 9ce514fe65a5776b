package dev.outpost.examples.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Measures, and prints, how fast the back end loads and serves large sets: a million work
 * orders seeded, 100,000 served over loopback in pages of 5,000, and a page read deep in the
 * million (keyset paging keeps it as cheap as the first). Not a timed test: the only limits
 * asserted are generous ones that catch an accidental full scan per page.
 */
class ThroughputTest {

  @Test
  void loadsAndServesLargeSets() {
    try (FieldServiceBackend backend = FieldServiceBackend.start()) {
      long start = System.nanoTime();
      backend.seed(Seed.workOrders(1_000_000));
      double seedSeconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("Seeded 1,000,000 work orders in %.1f s%n", seedSeconds);
      assertThat(seedSeconds).isLessThan(60);

      Client client = new Client(backend);
      read(client, 5_000);
      start = System.nanoTime();
      long entities = read(client, 100_000);
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("Served %,d work orders in pages of 5,000 in %.2f s: %,.0f entities/s%n", entities, seconds,
          entities / seconds);
      assertThat(entities).isEqualTo(100_000);

      HttpResponse<String> deep = client.get("WorkOrders?$top=1&$skip=999998&$select=Id");
      assertThat(Client.json(deep).get("value").get(0).get("Id").asLong()).isEqualTo(999_999);
      start = System.nanoTime();
      JsonNode page = Client.json(client.get("WorkOrders?$filter=Id gt 990000", "Prefer", "odata.maxpagesize=5000"));
      System.out.printf("A page of 5,000 from the end of the million in %.0f ms%n", (System.nanoTime() - start) / 1e6);
      assertThat(page.get("value")).hasSize(5_000);
    }
  }

  /** Reads {@code wanted} work orders page by page, counting entities without a JSON tree, as a streaming client would. */
  private static long read(Client client, long wanted) {
    long read = 0;
    String next = "WorkOrders?$top=" + wanted;
    while (next != null) {
      String body = client.get(next, "Prefer", "odata.maxpagesize=5000").body();
      read += count(body, "\"@odata.etag\"");
      int link = body.lastIndexOf("\"@odata.nextLink\":\"");
      next = link < 0 ? null : body.substring(link + 19, body.indexOf('"', link + 19));
    }
    return read;
  }

  private static long count(String text, String token) {
    long count = 0;
    for (int i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + token.length())) {
      count++;
    }
    return count;
  }
}
