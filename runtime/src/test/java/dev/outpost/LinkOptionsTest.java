package dev.outpost;

import dev.outpost.query.CollectionNavigation;
import dev.outpost.query.EntityNavigation;
import dev.outpost.testing.FieldService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * L10 for relationships: request options reach link requests too, through the dynamic API, its
 * typed overloads and change sets; the overloads without options queue exactly what the string
 * forms do.
 */
class LinkOptionsTest {

    private static final UUID ACME = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final CollectionNavigation<EntityValue> PARTS = CollectionNavigation.of("Parts", FieldService.PART);
    private static final EntityNavigation<EntityValue> CUSTOMER = EntityNavigation.of("Customer", FieldService.CUSTOMER);

    @TempDir
    Path dir;
    private StoreFixture f;

    @BeforeEach
    void open() {
        f = new StoreFixture(dir);
        f.serverHas("Customers", "{\"Id\":\"" + ACME + "\",\"Name\":\"ACME\",\"@odata.etag\":\"W/\\\"1\\\"\"}");
        f.serverHas("Parts", "{\"PartNumber\":\"P-1\",\"Name\":\"Pump\",\"InStock\":4}");
        f.serverHas("WorkOrders", "{\"Id\":42,\"Title\":\"Fix boiler\",\"Status\":\"Scheduled\",\"Priority\":2,"
                + "\"@odata.etag\":\"W/\\\"4\\\"\"}");
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void everyLinkCallCarriesItsOptionsIntoTheQueue() {
        EntityValue wo = f.one("WorkOrders(42)");
        EntityValue part = f.one("Parts('P-1')");
        EntityValue acme = f.one("Customers(" + ACME + ")");

        f.service.createLink(wo, PARTS, part, options("add-part", "tx-1"));
        f.service.updateLink(wo, CUSTOMER, acme, options("set-customer", "tx-1"));
        f.service.deleteLink(wo, PARTS, part, options("remove-part", "tx-2"));
        f.service.deleteLink(wo, CUSTOMER, options("clear-customer", "tx-2"));

        List<EntityValue> queue = f.query("RequestQueue?$orderby=RequestID");
        assertThat(queue).extracting(r -> r.getValue("Method") + " " + r.getValue("URL")).containsExactly(
                "POST WorkOrders($lid=1)/Parts/$ref",        // local IDs in the queue; keys on upload
                "PUT WorkOrders($lid=1)/Customer/$ref",
                "DELETE WorkOrders($lid=1)/Parts/$ref?$id=Parts($lid=1)",
                "DELETE WorkOrders($lid=1)/Customer/$ref");
        assertThat(queue).extracting(r -> r.getValue("CustomTag"))
                .containsExactly("add-part", "set-customer", "remove-part", "clear-customer");
        assertThat(queue).extracting(r -> r.getValue("TransactionID")).containsExactly("tx-1", "tx-1", "tx-2", "tx-2");
        assertThat(queue).extracting(r -> r.getValue("UploadCategory")).containsOnly("links");
        assertThat(queue).extracting(r -> r.getValue("Unmodifiable")).containsOnly(true);
    }

    @Test
    void typedOverloadsWithoutOptionsQueueWhatTheStringFormsQueue() {
        EntityValue wo = f.one("WorkOrders(42)");
        EntityValue part = f.one("Parts('P-1')");
        EntityValue acme = f.one("Customers(" + ACME + ")");

        f.service.createLink(wo, "Parts", part);
        f.service.updateLink(wo, "Customer", acme);
        List<String> byName = f.queue();
        f.service.undoPendingChanges(wo);
        assertThat(f.queue()).isEmpty();

        f.service.applyChanges(new ChangeSet().createLink(wo, PARTS, part).updateLink(wo, CUSTOMER, acme));
        assertThat(f.queue()).isEqualTo(byName);
        assertThat(f.query("RequestQueue")).extracting(r -> r.getValue("ChangeSet")).doesNotContainNull().hasSize(2);
    }

    @Test
    void changeSetsCarryOptionsOnEveryKindOfChange() {
        EntityValue wo = f.one("WorkOrders(42)");
        EntityValue part = f.one("Parts('P-1')");
        wo.setValue("Priority", 1);
        EntityValue task = FieldService.task(3, "Check pressure");

        f.service.applyChanges(new ChangeSet()
                .updateEntity(wo, options("update", "tx-9"))
                .createRelatedEntity(task, wo, "Tasks", options("task", "tx-9"))
                .createLink(wo, "Parts", part, options("link", "tx-9"))
                .deleteEntity(part, options("delete", "tx-9")));

        List<EntityValue> queue = f.query("RequestQueue?$orderby=RequestID");
        assertThat(queue).extracting(r -> r.getValue("Method")).containsExactly("PATCH", "POST", "POST", "DELETE");
        assertThat(queue).extracting(r -> r.getValue("CustomTag")).containsExactly("update", "task", "link", "delete");
        assertThat(queue).extracting(r -> r.getValue("TransactionID")).containsOnly("tx-9");
    }

    private static RequestOptions options(String tag, String transaction) {
        return RequestOptions.defaults().customTag(tag).transactionId(transaction).uploadCategory("links").unmodifiable();
    }
}
