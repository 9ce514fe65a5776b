package dev.outpost.examples.backend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads: keys of every type, $filter (translated to SQL), $select, $expand with nested
 * options, $orderby, $top, $skip and $count. Seeded work orders n = 1..50 have Priority
 * 1 + n % 5, Status n % 5, DueDate 2026-01-01 plus n days, two tasks (task 1 done) and two parts.
 */
class ReadQueryTest {

  static FieldServiceBackend backend;
  static Client client;

  @BeforeAll
  static void start() {
    backend = FieldServiceBackend.start();
    backend.seed(Seed.workOrders(50).withTasksPerWorkOrder(2).withPartsPerWorkOrder(2));
    client = new Client(backend);
  }

  @AfterAll
  static void stop() {
    backend.close();
  }

  private static List<Long> ids(String query) {
    HttpResponse<String> response = client.get("WorkOrders?" + query);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<Long> ids = new ArrayList<>();
    Client.json(response).get("value").forEach(entity -> ids.add(entity.get("Id").asLong()));
    return ids;
  }

  @Test
  void keysOfEveryTypeAddressOneEntity() {
    assertThat(Client.json(client.get("WorkOrders(7)")).get("Title").asText()).isEqualTo("Work order 7");
    assertThat(Client.json(client.get("Technicians(2)")).get("Name").asText()).isEqualTo("Technician 2");
    assertThat(Client.json(client.get("Customers(00000000-0000-5eed-0000-000000000003)")).get("Name").asText())
        .isEqualTo("Customer 3");
    assertThat(Client.json(client.get("Parts('P-00004')")).get("Name").asText()).isEqualTo("Part 4");
    JsonNode task = Client.json(client.get("Tasks(WorkOrderId=3,LineNo=2)"));
    assertThat(task.get("Description").asText()).isEqualTo("Step 2");
    assertThat(task.get("EstimatedDuration").asText()).isEqualTo("PT30M");
    assertThat(client.get("WorkOrders(999)").statusCode()).isEqualTo(404);
  }

  @Test
  void filtersCompareCombineAndCompute() {
    assertThat(ids("$filter=Id le 3")).containsExactly(1L, 2L, 3L);
    assertThat(ids("$filter=Id gt 47 or Id eq 1")).containsExactly(1L, 48L, 49L, 50L);
    assertThat(ids("$filter=Id lt 10 and not (Priority eq 2)")).containsExactly(2L, 3L, 4L, 5L, 7L, 8L, 9L);
    assertThat(ids("$filter=Id mul 2 sub 1 eq 9")).containsExactly(5L);
    assertThat(ids("$filter=Id mod 10 eq 0")).containsExactly(10L, 20L, 30L, 40L, 50L);
    assertThat(ids("$filter=EstimatedCost gt 101 and Id lt 5")).containsExactly(3L, 4L);
    assertThat(ids("$filter=Id in (4, 8, 99)")).containsExactly(4L, 8L);
  }

  @Test
  void filtersUseStringFunctions() {
    assertThat(ids("$filter=contains(Title,'order 4')")).containsExactly(4L, 40L, 41L, 42L, 43L, 44L, 45L, 46L, 47L,
        48L, 49L);
    assertThat(ids("$filter=startswith(Title,'Work order 1') and endswith(Title,'2')")).containsExactly(12L);
    assertThat(ids("$filter=tolower(Title) eq 'work order 3'")).containsExactly(3L);
    assertThat(ids("$filter=toupper(Title) eq 'WORK ORDER 3'")).containsExactly(3L);
    assertThat(ids("$filter=length(Title) eq 12 and Id lt 12")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(ids("$filter=indexof(Title,'order') eq 5 and Id eq 2")).containsExactly(2L);
    assertThat(ids("$filter=substring(Title,11) eq '33'")).containsExactly(33L);
    assertThat(ids("$filter=substring(Title,5,5) eq 'order' and Id eq 2")).containsExactly(2L);
  }

  @Test
  void filtersUseDatesEnumsAndNulls() {
    assertThat(ids("$filter=year(DueDate) eq 2026 and month(DueDate) eq 1 and day(DueDate) eq 3"))
        .containsExactly(2L);
    assertThat(ids("$filter=DueDate le 2026-01-04")).containsExactly(1L, 2L, 3L);
    assertThat(ids("$filter=year(CreatedAt) ge 2000 and Id eq 1")).containsExactly(1L);
    assertThat(ids("$filter=Status eq FieldService.WorkOrderStatus'Done' and Id lt 20")).containsExactly(3L, 8L,
        13L, 18L);
    assertThat(ids("$filter=Status has FieldService.WorkOrderStatus'New' and Id lt 20")).containsExactly(5L, 10L,
        15L);
    assertThat(ids("$filter=Signature eq null and Id lt 3")).containsExactly(1L, 2L);
    assertThat(ids("$filter=Signature ne null")).isEmpty();
    assertThat(ids("$filter=SiteAddress/City eq 'Porto' and Id lt 20")).containsExactly(2L, 9L, 16L);
  }

  @Test
  void filtersFollowNavigationAndLambdas() {
    assertThat(ids("$filter=Customer/Name eq 'Customer 3' and Id lt 30")).containsExactly(3L, 13L, 23L);
    assertThat(ids("$filter=Technician/Id eq 5 and Id lt 20")).containsExactly(5L, 10L, 15L);
    assertThat(ids("$filter=Parts/any(p:p/PartNumber eq 'P-00001')")).containsExactly(1L, 20L, 21L, 40L, 41L);
    assertThat(ids("$filter=Tasks/all(t:t/Done eq true)")).isEmpty();
    assertThat(ids("$filter=Tasks/any(t:t/Done) and Id lt 3")).containsExactly(1L, 2L);
    assertThat(ids("$filter=Tasks/$count eq 2 and Id eq 1")).containsExactly(1L);
    JsonNode technicians = Client.json(client.get("Technicians?$filter=Skills/any(s:s eq 'heating')"));
    assertThat(technicians.get("value").findValuesAsText("Name")).containsExactly("Technician 2", "Technician 4");
    assertThat(Client.json(client.get("Tasks?$filter=WorkOrder/Priority eq 5 and LineNo eq 1&$select=WorkOrderId"))
        .get("value").findValuesAsText("WorkOrderId")).containsExactly("4", "9", "14", "19", "24", "29", "34",
        "39", "44", "49");
  }

  @Test
  void selectsOrdersAndPages() {
    JsonNode selected = Client.json(client.get("WorkOrders?$select=Title&$top=1"));
    assertThat(selected.get("value").get(0).fieldNames()).toIterable()
        .containsExactly("@odata.etag", "Id", "Title");
    assertThat(ids("$orderby=Priority desc,Id&$top=3")).containsExactly(4L, 9L, 14L);
    assertThat(ids("$orderby=Title&$skip=1&$top=2")).containsExactly(10L, 11L);
    assertThat(ids("$skip=48")).containsExactly(49L, 50L);
    JsonNode counted = Client.json(client.get("WorkOrders?$filter=Priority eq 1&$count=true&$top=2"));
    assertThat(counted.get("@odata.count").asLong()).isEqualTo(10);
    assertThat(counted.get("value")).hasSize(2);
    assertThat(client.get("WorkOrders/$count?$filter=Priority eq 1").body()).isEqualTo("10");
  }

  @Test
  void expandsWithNestedOptions() {
    JsonNode order = Client.json(client.get("WorkOrders(6)?$select=Id&$expand=Tasks($select=LineNo;"
        + "$filter=Done eq false;$orderby=LineNo desc;$top=1),Customer($select=Name),Parts($orderby=PartNumber desc)"));
    assertThat(order.get("Tasks")).hasSize(1);
    assertThat(order.get("Tasks").get(0).get("LineNo").asInt()).isEqualTo(2);
    assertThat(order.get("Tasks").get(0).has("Description")).isFalse();
    assertThat(order.get("Customer").get("Name").asText()).isEqualTo("Customer 6");
    assertThat(order.get("Parts").findValuesAsText("PartNumber")).containsExactly("P-00007", "P-00006");
    JsonNode nested = Client.json(client.get("Customers(00000000-0000-5eed-0000-000000000001)?$expand="
        + "WorkOrders($filter=Id lt 12;$expand=Tasks($filter=LineNo eq 1))"));
    assertThat(nested.get("WorkOrders").findValuesAsText("Id")).containsExactly("1", "11");
    assertThat(nested.get("WorkOrders").get(1).get("Tasks")).hasSize(1);
    assertThat(Client.json(client.get("WorkOrders(2)/Tasks")).get("value")).hasSize(2);
    assertThat(Client.json(client.get("WorkOrders(2)/Customer")).get("Name").asText()).isEqualTo("Customer 2");
  }
}
