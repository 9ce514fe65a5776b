package dev.outpost.examples.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Multipart $batch: atomic change sets, Content-ID references, independent requests, the journal of parts. */
class BatchTest {

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

  @BeforeEach
  void seed() {
    backend.reset();
    backend.seed(Seed.workOrders(2).withParts(2));
  }

  static HttpResponse<String> send(Batch batch, String... headers) {
    return Client.send(batch.into(client.request("$batch", headers)).build());
  }

  @Test
  void changeSetCreatesParentAndChildrenThroughContentIds() {
    HttpResponse<String> response = send(new Batch().changeSet(
        Batch.part("1", "POST", "WorkOrders", "{\"Title\":\"From batch\"}"),
        Batch.part("2", "POST", "$1/Tasks", "{\"LineNo\":1,\"Description\":\"first\"}"),
        Batch.part("3", "POST", "Technicians", "{\"Name\":\"Bo\",\"WorkOrders@odata.bind\":[\"$1\"]}"),
        Batch.part("4", "POST", "$1/Parts/$ref", "{\"@odata.id\":\"Parts('P-00001')\"}")));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("HTTP/1.1 201", "Content-ID: 1", "Content-ID: 2", "Content-ID: 3",
        "HTTP/1.1 204");
    assertThat(backend.database().count("Tasks", "WorkOrderId = 3")).isEqualTo(1);
    assertThat(backend.database().count("WorkOrders", "Id = 3 AND TechnicianId = 6")).isEqualTo(1);
    assertThat(backend.database().count("WorkOrders_Parts", "WorkOrders_Id = 3")).isEqualTo(1);
  }

  @Test
  void aFailingRequestRollsBackItsWholeChangeSetAndSaysWhich() {
    HttpResponse<String> response = send(new Batch()
        .changeSet(Batch.part("1", "POST", "WorkOrders", "{\"Title\":\"kept\"}"))
        .changeSet(Batch.part("2", "POST", "WorkOrders", "{\"Title\":\"rolled back\"}"),
            Batch.part("3", "PATCH", "WorkOrders(1)", "{\"Title\":\"stale\"}", "If-Match", "W/\"1\"")),
        "Prefer", "odata.continue-on-error");

    assertThat(response.body()).contains("HTTP/1.1 412", "Content-ID: 3");
    assertThat(backend.database().count("WorkOrders", "Title = 'kept'")).isEqualTo(1);
    assertThat(backend.database().count("WorkOrders", "Title = 'rolled back'")).isZero();
  }

  @Test
  void requestsOutsideChangeSetsAreIndependent() {
    HttpResponse<String> response = send(new Batch()
        .request("POST", "Parts", "{\"PartNumber\":\"P-00001\",\"Name\":\"duplicate\"}")
        .request("POST", "Parts", "{\"PartNumber\":\"NEW\",\"Name\":\"new\"}")
        .request("GET", "Parts/$count", null), "Prefer", "odata.continue-on-error");

    assertThat(response.body()).contains("HTTP/1.1 409", "HTTP/1.1 201", "\r\n\r\n3");
    assertThat(backend.database().count("Parts")).isEqualTo(3);
  }

  @Test
  void withoutContinueOnErrorTheBatchStopsAtTheFirstFailure() {
    send(new Batch()
        .request("DELETE", "WorkOrders(99)", null, "If-Match", "*")
        .request("POST", "Parts", "{\"PartNumber\":\"NEW\",\"Name\":\"never\"}"));

    assertThat(backend.database().count("Parts", "PartNumber = 'NEW'")).isZero();
  }

  @Test
  void theJournalKeepsTheParsedParts() {
    send(new Batch().request("GET", "WorkOrders(1)", null)
        .changeSet(Batch.part("a", "POST", "WorkOrders", "{\"Title\":\"j\"}", "X-Custom", "yes")));

    JournalEntry entry = backend.journal().last();
    assertThat(entry.url()).endsWith("/odata/$batch");
    assertThat(entry.batchParts()).hasSize(2);
    JournalEntry.BatchPart get = entry.batchParts().get(0);
    JournalEntry.BatchPart post = entry.batchParts().get(1);
    assertThat(get.changeSet()).isEqualTo(-1);
    assertThat(get.method()).isEqualTo("GET");
    assertThat(get.url()).isEqualTo("WorkOrders(1)");
    assertThat(post.changeSet()).isZero();
    assertThat(post.contentId()).isEqualTo("a");
    assertThat(post.headers().get("x-custom")).containsExactly("yes");
    assertThat(post.body()).contains("\"Title\":\"j\"");
  }
}
