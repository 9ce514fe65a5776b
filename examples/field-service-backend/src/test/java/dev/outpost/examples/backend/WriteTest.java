package dev.outpost.examples.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Creates, updates, deletes, ETags, links, binds and deep inserts. */
class WriteTest {

  static final String CUSTOMER = "6f1c7bd9-3c5e-4bd3-9d8f-9c3b8f0c9b11";

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
    backend.seed(Seed.workOrders(3).withParts(3));
  }

  @Test
  void createAnswers201WithLocationETagAndServerValues() {
    HttpResponse<String> created = client.post("WorkOrders", "{\"Title\":\"Fix the pump\",\"EstimatedCost\":12.5}");

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue(backend.serviceRoot() + "WorkOrders(4)");
    JsonNode body = Client.json(created);
    assertThat(created.headers().firstValue("ETag")).hasValue(body.get("@odata.etag").asText());
    assertThat(body.get("Id").asLong()).isEqualTo(4);
    assertThat(body.get("Status").asText()).isEqualTo("New");
    assertThat(body.get("Priority").asInt()).isEqualTo(3);
    assertThat(body.get("CreatedAt").asText()).isNotEmpty().isEqualTo(body.get("ModifiedAt").asText());
    assertThat(body.get("EstimatedCost").decimalValue()).isEqualByComparingTo("12.50");
  }

  @Test
  void createHonoursReturnMinimal() {
    HttpResponse<String> created = client.post("Technicians", "{\"Name\":\"Ada\",\"Skills\":[\"wiring\"]}",
        "Prefer", "return=minimal");

    assertThat(created.statusCode()).isEqualTo(204);
    assertThat(created.headers().firstValue("Location")).hasValue(backend.serviceRoot() + "Technicians(6)");
    assertThat(created.headers().firstValue("OData-EntityId")).hasValue(backend.serviceRoot() + "Technicians(6)");
    assertThat(created.headers().firstValue("Preference-Applied")).hasValue("return=minimal");
    assertThat(Client.json(client.get("Technicians(6)")).get("Skills").get(0).asText()).isEqualTo("wiring");
  }

  @Test
  void clientKeysAreRequiredAndUnique() {
    String customer = "{\"Id\":\"" + CUSTOMER + "\",\"Name\":\"ACME\"}";
    assertThat(client.post("Customers", customer).statusCode()).isEqualTo(201);
    HttpResponse<String> duplicate = client.post("Customers", customer);
    assertThat(duplicate.statusCode()).isEqualTo(409);
    assertThat(duplicate.body()).contains("already exists");
    assertThat(client.post("Parts", "{\"Name\":\"no key\"}").statusCode()).isEqualTo(400);
    assertThat(backend.database().count("Customers", "Id = ?", CUSTOMER)).isEqualTo(1);
  }

  @Test
  void duplicateKeysCanBeAnswered500LikeSomeBackEnds() {
    try (FieldServiceBackend strict = FieldServiceBackend.start(BackendOptions.defaults().withDuplicateKeyStatus(500))) {
      Client other = new Client(strict);
      assertThat(other.post("Parts", "{\"PartNumber\":\"X\",\"Name\":\"x\"}").statusCode()).isEqualTo(201);
      assertThat(other.post("Parts", "{\"PartNumber\":\"X\",\"Name\":\"x\"}").statusCode()).isEqualTo(500);
    }
  }

  @Test
  void updatesNeedCurrentETagsOnETaggedSets() {
    HttpResponse<String> read = client.get("WorkOrders(1)");
    String etag = read.headers().firstValue("ETag").orElseThrow();

    assertThat(client.patch("WorkOrders(1)", "{\"Title\":\"x\"}").statusCode()).isEqualTo(428);
    HttpResponse<String> patched = client.patch("WorkOrders(1)", "{\"Title\":\"Patched\"}", "If-Match", etag);
    assertThat(patched.statusCode()).isEqualTo(204);
    String newEtag = patched.headers().firstValue("ETag").orElseThrow();
    assertThat(newEtag).isNotEqualTo(etag);
    assertThat(client.patch("WorkOrders(1)", "{\"Title\":\"stale\"}", "If-Match", etag).statusCode()).isEqualTo(412);
    assertThat(client.patch("WorkOrders(1)", "{\"Priority\":1}", "If-Match", "*").statusCode()).isEqualTo(204);
    JsonNode order = Client.json(client.get("WorkOrders(1)"));
    assertThat(order.get("Title").asText()).isEqualTo("Patched");
    assertThat(order.get("Priority").asInt()).isEqualTo(1);
    assertThat(order.get("Description").asText()).isNotEmpty();
  }

  @Test
  void putReplacesAndDeleteRemoves() {
    HttpResponse<String> put = client.put("WorkOrders(2)", "{\"Title\":\"Replaced\",\"Status\":\"Done\",\"Priority\":2}",
        "If-Match", "*", "Prefer", "return=representation");
    assertThat(put.statusCode()).isEqualTo(200);
    assertThat(Client.json(put).get("Description").isNull()).isTrue();
    assertThat(Client.json(put).get("Status").asText()).isEqualTo("Done");

    assertThat(client.delete("WorkOrders(2)").statusCode()).isEqualTo(428);
    assertThat(client.delete("WorkOrders(2)", "If-Match", "*").statusCode()).isEqualTo(204);
    assertThat(client.get("WorkOrders(2)").statusCode()).isEqualTo(404);
  }

  @Test
  void partsHaveNoETagAndNeedNoIfMatch() {
    HttpResponse<String> part = client.get("Parts('P-00001')");
    assertThat(part.headers().firstValue("ETag")).isEmpty();
    assertThat(Client.json(part).has("@odata.etag")).isFalse();
    assertThat(client.patch("Parts('P-00001')", "{\"InStock\":7}").statusCode()).isEqualTo(204);
    assertThat(client.delete("Parts('P-00002')").statusCode()).isEqualTo(204);
  }

  @Test
  void tasksPostedToAWorkOrderTakeItsKey() {
    HttpResponse<String> created = client.post("WorkOrders(1)/Tasks", "{\"LineNo\":1,\"Description\":\"Open valve\","
        + "\"EstimatedDuration\":\"PT1H30M\"}");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location"))
        .hasValue(backend.serviceRoot() + "Tasks(WorkOrderId=1,LineNo=1)");
    assertThat(Client.json(client.get("Tasks(WorkOrderId=1,LineNo=1)")).get("EstimatedDuration").asText())
        .isEqualTo("PT1H30M");
  }

  @Test
  void referencesLinkAndUnlink() {
    String parts = "WorkOrders(1)/Parts/$ref";
    assertThat(client.post(parts, "{\"@odata.id\":\"Parts('P-00001')\"}").statusCode()).isEqualTo(204);
    assertThat(client.post(parts, "{\"@odata.id\":\"" + backend.serviceRoot() + "Parts('P-00002')\"}").statusCode())
        .isEqualTo(204);
    assertThat(Client.json(client.get(parts)).get("value").findValuesAsText("@odata.id"))
        .containsExactly("Parts('P-00001')", "Parts('P-00002')");
    assertThat(client.delete(parts + "?$id=Parts('P-00001')").statusCode()).isEqualTo(204);
    assertThat(client.delete("WorkOrders(1)/Parts('P-00002')/$ref").statusCode()).isEqualTo(204);
    assertThat(backend.database().count("WorkOrders_Parts")).isZero();

    assertThat(client.put("WorkOrders(1)/Technician/$ref", "{\"@odata.id\":\"Technicians(3)\"}").statusCode())
        .isEqualTo(204);
    assertThat(Client.json(client.get("WorkOrders(1)")).get("TechnicianId").asInt()).isEqualTo(3);
    assertThat(client.delete("WorkOrders(1)/Technician/$ref").statusCode()).isEqualTo(204);
    assertThat(Client.json(client.get("WorkOrders(1)")).get("TechnicianId").isNull()).isTrue();
  }

  @Test
  void linkChangesChangeTheETagOfBothEnds() {
    String order = client.get("WorkOrders(1)").headers().firstValue("ETag").orElseThrow();
    client.post("WorkOrders(1)/Parts/$ref", "{\"@odata.id\":\"Parts('P-00003')\"}");
    assertThat(client.get("WorkOrders(1)").headers().firstValue("ETag")).isNotEqualTo(java.util.Optional.of(order));
  }

  @Test
  void bindsOnCreateAndUpdate() {
    client.post("Customers", "{\"Id\":\"" + CUSTOMER + "\",\"Name\":\"ACME\"}");
    HttpResponse<String> created = client.post("WorkOrders", "{\"Title\":\"Bound\","
        + "\"Customer@odata.bind\":\"Customers(" + CUSTOMER + ")\","
        + "\"Parts@odata.bind\":[\"Parts('P-00001')\",\"Parts('P-00002')\"]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(Client.json(created).get("CustomerId").asText()).isEqualTo(CUSTOMER);
    assertThat(Client.json(client.get("WorkOrders(4)/Parts")).get("value")).hasSize(2);

    assertThat(client.patch("WorkOrders(4)", "{\"Technician@odata.bind\":\"Technicians(2)\"}", "If-Match", "*")
        .statusCode()).isEqualTo(204);
    assertThat(Client.json(client.get("WorkOrders(4)")).get("TechnicianId").asInt()).isEqualTo(2);
    assertThat(client.post("WorkOrders", "{\"Title\":\"x\",\"Customer@odata.bind\":\"Customers("
        + "00000000-0000-0000-0000-000000000000)\"}").statusCode()).isEqualTo(404);
  }

  @Test
  void deepInsertCreatesRelatedEntities() {
    HttpResponse<String> created = client.post("WorkOrders", "{\"Title\":\"Deep\","
        + "\"Customer\":{\"Id\":\"" + CUSTOMER + "\",\"Name\":\"Inline customer\"},"
        + "\"Tasks\":[{\"LineNo\":1,\"Description\":\"one\"},{\"LineNo\":2,\"Description\":\"two\"}],"
        + "\"Parts\":[{\"PartNumber\":\"NEW-1\",\"Name\":\"new part\"}]}");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode order = Client.json(client.get("WorkOrders(4)?$expand=Customer,Tasks,Parts"));
    assertThat(order.get("Customer").get("Name").asText()).isEqualTo("Inline customer");
    assertThat(order.get("Tasks").findValuesAsText("Description")).containsExactly("one", "two");
    assertThat(order.get("Parts").findValuesAsText("PartNumber")).containsExactly("NEW-1");
  }

  @Test
  void aFailingDeepInsertLeavesNothingBehind() {
    HttpResponse<String> failed = client.post("WorkOrders", "{\"Title\":\"Deep\","
        + "\"Tasks\":[{\"LineNo\":1,\"Description\":\"one\"},{\"LineNo\":1,\"Description\":\"same key\"}]}");

    assertThat(failed.statusCode()).isEqualTo(409);
    assertThat(backend.database().count("WorkOrders")).isEqualTo(3);
    assertThat(backend.database().count("Tasks")).isZero();
  }
}
