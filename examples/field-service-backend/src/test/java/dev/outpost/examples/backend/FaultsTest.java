package dev.outpost.examples.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fault injection set at run time: failures, unavailability, dropped connections after commit, delays. */
class FaultsTest {

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
  void reset() {
    backend.reset();
  }

  @Test
  void theNthMatchingRequestFailsWith500AndChangesNothing() {
    backend.faults().failNth("POST", "WorkOrders", 2);

    assertThat(client.post("WorkOrders", "{\"Title\":\"1\"}").statusCode()).isEqualTo(201);
    assertThat(client.post("WorkOrders", "{\"Title\":\"2\"}").statusCode()).isEqualTo(500);
    assertThat(client.post("WorkOrders", "{\"Title\":\"3\"}").statusCode()).isEqualTo(201);
    assertThat(backend.database().count("WorkOrders")).isEqualTo(2);
  }

  @Test
  void aFailureInsideAChangeSetRollsBackOnlyThatChangeSet() {
    backend.faults().failNth("POST", "$1/Tasks", 1);

    HttpResponse<String> response = Client.send(new Batch()
        .changeSet(Batch.part("1", "POST", "WorkOrders", "{\"Title\":\"rolled back\"}"),
            Batch.part("2", "POST", "$1/Tasks", "{\"LineNo\":1,\"Description\":\"fails\"}"))
        .changeSet(Batch.part("3", "POST", "WorkOrders", "{\"Title\":\"applied\"}"))
        .into(client.request("$batch", "Prefer", "odata.continue-on-error")).build());

    assertThat(response.body()).contains("HTTP/1.1 500", "Content-ID: 2", "HTTP/1.1 201");
    assertThat(backend.database().query("SELECT Title FROM WorkOrders")).extracting(row -> row.get("Title"))
        .containsExactly("applied");
  }

  @Test
  void unavailableAnswers503Or429WithRetryAfter() {
    backend.faults().unavailable("*", "WorkOrders*", 2, 503, 7).unavailable("GET", "Parts", 1, 429, 1);

    HttpResponse<String> first = client.get("WorkOrders");
    assertThat(first.statusCode()).isEqualTo(503);
    assertThat(first.headers().firstValue("Retry-After")).hasValue("7");
    assertThat(client.post("WorkOrders", "{\"Title\":\"x\"}").statusCode()).isEqualTo(503);
    assertThat(client.get("WorkOrders").statusCode()).isEqualTo(200);
    assertThat(client.get("Parts").statusCode()).isEqualTo(429);
    assertThat(backend.database().count("WorkOrders")).isZero();
    assertThat(backend.journal().entries(entry -> entry.status() == 503)).hasSize(2);
  }

  @Test
  void aDroppedConnectionFollowsACommittedChange() throws Exception {
    backend.faults().dropConnectionAfterCommit("POST", "WorkOrders");
    String body = "{\"Title\":\"committed\"}";

    try (Socket socket = new Socket("127.0.0.1", backend.serviceRoot().getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /odata/WorkOrders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(readUntilClosed(socket.getInputStream())).isEmpty();
    }

    assertThat(backend.database().count("WorkOrders", "Title = 'committed'")).isEqualTo(1);
    assertThat(backend.journal().last().connectionDropped()).isTrue();
    assertThatThrownBy(() -> {
      backend.faults().dropConnectionAfterCommit("POST", "WorkOrders");
      client.post("WorkOrders", "{\"Title\":\"again\"}");
    }).isInstanceOf(UncheckedIOException.class);
    assertThat(backend.database().count("WorkOrders")).isEqualTo(2);
  }

  private static byte[] readUntilClosed(InputStream in) throws Exception {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try {
      in.transferTo(received);
    } catch (java.net.SocketException reset) {
      // A reset is a dropped connection too.
    }
    return received.toByteArray();
  }

  @Test
  void delaysPauseMatchingRequests() {
    backend.faults().delay("GET", "Parts", Duration.ofMillis(300));

    long start = System.nanoTime();
    assertThat(client.get("Parts").statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    backend.faults().clear();
    start = System.nanoTime();
    client.get("Parts");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300));
  }
}
