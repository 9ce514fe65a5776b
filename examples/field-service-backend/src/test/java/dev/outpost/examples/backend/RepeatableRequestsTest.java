package dev.outpost.examples.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** OData Repeatable Requests: a repeated request is answered from the record and not run again. */
class RepeatableRequestsTest {

  static final String FIRST_SENT = "Mon, 23 Nov 2026 08:00:00 GMT";

  static String[] repeatable(String requestId, String... more) {
    String[] headers = new String[4 + more.length];
    headers[0] = "Repeatability-Request-ID";
    headers[1] = requestId;
    headers[2] = "Repeatability-First-Sent";
    headers[3] = FIRST_SENT;
    System.arraycopy(more, 0, headers, 4, more.length);
    return headers;
  }

  @Test
  void aRepeatedCreateIsAnsweredFromTheRecord() {
    try (FieldServiceBackend backend = FieldServiceBackend.start()) {
      Client client = new Client(backend);

      HttpResponse<String> first = client.post("WorkOrders", "{\"Title\":\"once\"}", repeatable("r-1"));
      HttpResponse<String> repeat = client.post("WorkOrders", "{\"Title\":\"once\"}", repeatable("r-1"));

      assertThat(first.statusCode()).isEqualTo(201);
      assertThat(first.headers().firstValue("Repeatability-Result")).hasValue("accepted");
      assertThat(repeat.statusCode()).isEqualTo(201);
      assertThat(repeat.headers().firstValue("Repeatability-Result")).hasValue("accepted");
      assertThat(repeat.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
      assertThat(repeat.body()).isEqualTo(first.body());
      assertThat(backend.database().count("WorkOrders")).isEqualTo(1);

      client.post("WorkOrders", "{\"Title\":\"other client\"}", repeatable("r-1", "Repeatability-Client-ID", "c-2"));
      assertThat(backend.database().count("WorkOrders")).isEqualTo(2);
    }
  }

  @Test
  void malformedHeadersAreRejected() {
    try (FieldServiceBackend backend = FieldServiceBackend.start()) {
      HttpResponse<String> rejected = new Client(backend).post("WorkOrders", "{\"Title\":\"x\"}",
          "Repeatability-Request-ID", "r-2", "Repeatability-First-Sent", "yesterday");

      assertThat(rejected.statusCode()).isEqualTo(400);
      assertThat(rejected.headers().firstValue("Repeatability-Result")).hasValue("rejected");
      assertThat(backend.database().count("WorkOrders")).isZero();
    }
  }

  @Test
  void aRepeatedBatchAndRepeatedPartsRunOnce() {
    try (FieldServiceBackend backend = FieldServiceBackend.start()) {
      Client client = new Client(backend);
      Batch batch = new Batch().changeSet(Batch.part("1", "POST", "WorkOrders", "{\"Title\":\"batched\"}"));
      HttpResponse<String> first = Client.send(batch.into(client.request("$batch", repeatable("b-1"))).build());
      HttpResponse<String> repeat = Client.send(batch.into(client.request("$batch", repeatable("b-1"))).build());
      assertThat(repeat.body()).isEqualTo(first.body());
      assertThat(backend.database().count("WorkOrders")).isEqualTo(1);

      Batch parts = new Batch().changeSet(
          Batch.part("1", "POST", "WorkOrders", "{\"Title\":\"part\"}", repeatable("p-1")),
          Batch.part("2", "POST", "$1/Tasks", "{\"LineNo\":1,\"Description\":\"child\"}", repeatable("p-2")));
      Client.send(parts.into(client.request("$batch")).build());
      HttpResponse<String> again = Client.send(parts.into(client.request("$batch")).build());
      assertThat(again.body()).contains("Repeatability-Result: accepted", "WorkOrders(2)");
      assertThat(backend.database().count("WorkOrders")).isEqualTo(2);
      assertThat(backend.database().count("Tasks")).isEqualTo(1);
    }
  }

  @Test
  void withRepeatabilityOffRequestsRunAgain() {
    try (FieldServiceBackend backend = FieldServiceBackend.start(BackendOptions.defaults().withRepeatability(false))) {
      Client client = new Client(backend);

      HttpResponse<String> first = client.post("WorkOrders", "{\"Title\":\"twice\"}", repeatable("r-1"));
      client.post("WorkOrders", "{\"Title\":\"twice\"}", repeatable("r-1"));

      assertThat(first.headers().firstValue("Repeatability-Result")).isEmpty();
      assertThat(backend.database().count("WorkOrders")).isEqualTo(2);
    }
  }
}
