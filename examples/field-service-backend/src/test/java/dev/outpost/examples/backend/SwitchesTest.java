package dev.outpost.examples.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Start-up switches that make the back end behave like less accommodating services. */
class SwitchesTest {

  @Test
  void csrfTokensAreRequiredForModifyingRequests() {
    try (FieldServiceBackend backend = FieldServiceBackend.start(BackendOptions.defaults().withCsrfRequired(true))) {
      Client client = new Client(backend);

      HttpResponse<String> refused = client.post("WorkOrders", "{\"Title\":\"x\"}");
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.headers().firstValue("X-CSRF-Token")).hasValue("Required");

      String token = client.get("", "X-CSRF-Token", "Fetch").headers().firstValue("X-CSRF-Token").orElseThrow();
      assertThat(client.post("WorkOrders", "{\"Title\":\"x\"}", "X-CSRF-Token", token).statusCode()).isEqualTo(201);
      assertThat(client.get("WorkOrders").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void basicAuthenticationIsRequiredWhenConfigured() {
    try (FieldServiceBackend backend = FieldServiceBackend.start(BackendOptions.defaults()
        .withBasicAuthentication("tech", "s3cret"))) {
      Client client = new Client(backend);

      HttpResponse<String> refused = client.get("WorkOrders");
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value ->
          assertThat(value).startsWith("Basic"));
      String credentials = Base64.getEncoder().encodeToString("tech:s3cret".getBytes(StandardCharsets.UTF_8));
      assertThat(client.get("WorkOrders", "Authorization", "Basic " + credentials).statusCode()).isEqualTo(200);
      String wrong = Base64.getEncoder().encodeToString("tech:guess".getBytes(StandardCharsets.UTF_8));
      assertThat(client.get("WorkOrders", "Authorization", "Basic " + wrong).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void batchCanBeSwitchedOff() {
    try (FieldServiceBackend backend = FieldServiceBackend.start(BackendOptions.defaults().withBatch(false))) {
      Client client = new Client(backend);
      Batch batch = new Batch().request("GET", "WorkOrders", null);

      assertThat(Client.send(batch.into(client.request("$batch")).build()).statusCode()).isEqualTo(501);
    }
  }

  @Test
  void aGivenDatabaseFileKeepsDataAcrossRestarts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory) {
    BackendOptions options = BackendOptions.defaults().withDatabaseFile(directory.resolve("field-service.db"));
    try (FieldServiceBackend backend = FieldServiceBackend.start(options)) {
      new Client(backend).post("WorkOrders", "{\"Title\":\"kept\"}");
    }
    try (FieldServiceBackend backend = FieldServiceBackend.start(options)) {
      Client client = new Client(backend);
      assertThat(Client.json(client.get("WorkOrders(1)")).get("Title").asText()).isEqualTo("kept");
      assertThat(client.post("WorkOrders", "{\"Title\":\"next\"}").headers().firstValue("Location"))
          .hasValue(backend.serviceRoot() + "WorkOrders(2)");
    }
  }
}
