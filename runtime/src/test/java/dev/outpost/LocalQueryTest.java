package dev.outpost;

import dev.outpost.query.DataQuery;
import dev.outpost.testing.FieldService;
import dev.outpost.testing.Fs.Task;
import dev.outpost.testing.Fs.WorkOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Q3–Q5, Q7, Q8 and resource paths: what a local GET answers. */
class LocalQueryTest {

    @TempDir
    Path dir;
    private StoreFixture f;

    @BeforeEach
    void open() {
        f = new StoreFixture(dir);
        f.serverHas("Technicians", "{\"Id\":1,\"Name\":\"Ada\",\"Skills\":[\"electrical\"]}");
        List<String> orders = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            orders.add("{\"Id\":" + i + ",\"Title\":\"Order " + i + "\",\"Priority\":" + (1 + i % 5)
                    + (i % 2 == 0 ? ",\"TechnicianId\":1" : "") + "}");
        }
        f.serverHas("WorkOrders", orders.toArray(String[]::new));
        f.serverHas("Tasks", "{\"WorkOrderId\":1,\"LineNo\":1,\"Description\":\"a\",\"Done\":true}",
                "{\"WorkOrderId\":1,\"LineNo\":2,\"Description\":\"b\",\"Done\":false}",
                "{\"WorkOrderId\":2,\"LineNo\":1,\"Description\":\"c\",\"Done\":true}");
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void Q3_entityExistsAndItsNegation() {
        assertThat(f.query("WorkOrders?$filter=sap.entityexists(Technician)")).hasSize(12);
        assertThat(f.query("WorkOrders?$filter=not sap.entityexists(Technician)")).hasSize(13);
        assertThat(f.query("WorkOrders?$filter=sap.entityexists(Tasks)")).extracting(e -> e.getValue("Id"))
                .containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void Q4_selectExpandWithOptionsOrderbyOnANavigationCountAndResourcePaths() {
        QueryResult<EntityValue> r = f.service.executeQuery(DataQuery.parse(
                "WorkOrders?$select=Title&$expand=Tasks($filter=Done eq false;$select=Description),Technician"
                        + "&$filter=Id le 2&$orderby=Id desc&$count=true"));
        assertThat(r.count()).isEqualTo(2);
        EntityValue second = r.entities().get(0);
        assertThat(second.getValue("Id")).isEqualTo(2L);
        assertThat(second.has("Priority")).isFalse();
        assertThat(second.getRelatedList("Tasks")).isEmpty();
        assertThat(second.getRelated("Technician").getValue("Name")).isEqualTo("Ada");
        EntityValue first = r.entities().get(1);
        assertThat(first.getRelatedList("Tasks")).extracting(t -> t.getValue("Description")).containsExactly("b");
        assertThat(first.getRelated("Technician")).isNull();
        assertThat(f.service.executeQuery(DataQuery.parse("WorkOrders(1)/Tasks/$count")).count()).isEqualTo(2);
        assertThat(f.query("WorkOrders(1)/Tasks?$orderby=LineNo desc")).extracting(e -> e.getValue("LineNo"))
                .containsExactly(2, 1);
        assertThat(f.one("Tasks(WorkOrderId=2,LineNo=1)/WorkOrder").getValue("Title")).isEqualTo("Order 2");
        assertThat(f.query("WorkOrders?$orderby=Technician/Name desc,Id&$top=2")).extracting(e -> e.getValue("Id"))
                .containsExactly(2L, 4L);
        assertThat(f.query("WorkOrders/FieldService.WorkOrder?$top=1")).hasSize(1);
        assertThat(f.service.executeQuery(DataQuery.from("WorkOrders").filter(WorkOrder.TASKS.count().ge(1))
                .expand(WorkOrder.TASKS, q -> q.orderBy(Task.LINE_NO.desc()).top(1))).entities())
                .extracting(e -> e.getRelatedList("Tasks").get(0).getValue("LineNo")).containsExactly(2, 1);
    }

    @Test
    void Q5_maxPageSizeGivesServerDrivenPagingWithNextLinks() {
        DataQuery query = DataQuery.parse("WorkOrders?$filter=Priority ge 2&$orderby=Id").maxPageSize(4);
        List<Object> ids = new ArrayList<>();
        int pages = 0;
        QueryResult<EntityValue> page = f.service.executeQuery(query);
        while (true) {
            pages++;
            page.entities().forEach(e -> ids.add(e.getValue("Id")));
            if (page.nextLink() == null) {
                break;
            }
            assertThat(page.entities()).hasSize(4);
            assertThat(page.nextLink()).startsWith("WorkOrders?$filter=Priority%20ge%202&$orderby=Id&$skiptoken=");
            page = f.service.executeQuery(DataQuery.parse(page.nextLink()).maxPageSize(4));
        }
        List<Object> all = f.query("WorkOrders?$filter=Priority ge 2&$orderby=Id").stream().map(e -> e.getValue("Id")).toList();
        assertThat(ids).isEqualTo(all);
        assertThat(pages).isEqualTo((all.size() + 3) / 4);
        QueryResult<EntityValue> topped = f.service.executeQuery(DataQuery.parse("WorkOrders?$top=6&$orderby=Id").maxPageSize(4));
        QueryResult<EntityValue> rest = f.service.executeQuery(DataQuery.parse(topped.nextLink()).maxPageSize(4));
        assertThat(rest.entities()).hasSize(2);
        assertThat(rest.nextLink()).isNull();
    }

    @Test
    void Q7_theEventLogShowsTheNewest100EventsAndIsReadOnly() {
        for (int i = 1; i <= 105; i++) {
            f.store.local().logEvent(i % 2 == 0 ? "Download" : "Upload", i % 10 == 0 ? null : "q" + i);
        }
        assertThat(f.query("EventLog")).hasSize(100);
        EntityValue last = f.one("EventLog?$filter=Type eq 'Download' and Details eq null&$orderby=ID desc&$top=1");
        assertThat(last.getValue("ID")).isEqualTo(100L);
        assertThat(last.getValue("Time")).isNotNull();
        assertThat(f.query("EventLog?$filter=ID le 5")).isEmpty();
        assertThat(f.query("Outpost.EventLog?$top=1")).hasSize(1);
        assertThatThrownBy(() -> f.service.deleteEntity(last)).isInstanceOf(DataRequestException.class)
                .hasMessageContaining("read-only system entity set");
    }

    @Test
    void Q8_theErrorArchiveIsAReadOnlyEntitySet() {
        assertThat(f.query("ErrorArchive")).isEmpty();
        assertThat(f.query("ErrorArchive?$filter=HTTPStatusCode eq 412 and Conflict")).isEmpty();
        assertThatThrownBy(() -> f.service.createEntity(new EntityValue(
                new dev.outpost.model.QualifiedName("Outpost", "ErrorArchiveEntry")), "ErrorArchive", RequestOptions.defaults()))
                .hasMessageContaining("read-only");
    }

    @Test
    void unknownNamesAndMisuseAreCleanErrors() {
        assertThatThrownBy(() -> f.query("Orders")).isInstanceOf(DataRequestException.class)
                .hasMessageContaining("no entity set or singleton 'Orders'").hasMessageContaining("WorkOrders");
        assertThatThrownBy(() -> f.query("WorkOrders?$filter=Nope eq 1")).hasMessageContaining("names no property");
        assertThatThrownBy(() -> f.query("WorkOrders?$filter=Tasks/Done eq true"))
                .hasMessageContaining("use any(), all() or $count");
        assertThatThrownBy(() -> f.query("WorkOrders?$filter=Priority eq")).hasMessageContaining("position");
        assertThatThrownBy(() -> f.query("WorkOrders?$search=pump")).hasMessageContaining("not supported by the offline store");
        assertThatThrownBy(() -> f.query("WorkOrders(1,2)")).hasMessageContaining("has a key of 1 part(s)");
        assertThatThrownBy(() -> f.query("WorkOrders?$expand=Nope")).hasMessageContaining("no navigation property 'Nope'");
        assertThatThrownBy(() -> f.query("WorkOrders?$filter=geo.distance(SiteAddress,SiteAddress) lt 1"))
                .hasMessageContaining("does not evaluate");
        assertThat(f.query("WorkOrders(999)")).isEmpty();
        assertThatThrownBy(() -> FieldService.model().entitySet("Nope").orElseThrow()).isNotNull();
    }
}
