package dev.outpost;

import dev.outpost.testing.FieldService;
import dev.outpost.testing.LocalStateCheck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invariant 3 across a download (found by the crash scenario's steps, {@code LocalWritesScenarioTest}):
 * a download re-resolved the references of every row from referential-constraint values, also
 * of local entities and against local rows only, so a customer deleted locally (still on the
 * server) lost its work orders' references in the server images, and a new work order bound to
 * a customer created and deleted locally lost its reference; replaying the queue gave other
 * references than the store held.
 */
class LocalStateAfterDownloadTest {

    private static final UUID ACME = UUID.fromString("11111111-2222-3333-4444-555555555555");

    @TempDir
    Path dir;
    private StoreFixture f;

    @BeforeEach
    void open() {
        f = new StoreFixture(dir);
        f.serverHas("Customers", "{\"Id\":\"" + ACME + "\",\"Name\":\"ACME\"}");
        f.serverHas("Parts", "{\"PartNumber\":\"PROBE\",\"Name\":\"never changed\"}");
        f.serverHas("WorkOrders", "{\"Id\":1,\"Title\":\"server\",\"CustomerId\":\"" + ACME + "\"}");
    }

    @AfterEach
    void close() {
        f.close();
    }

    private String customerOf(String readLink) {
        EntityValue c = f.one(readLink + "?$expand=Customer").getRelated("Customer");
        return c == null ? null : c.readLink();
    }

    @Test
    void aDownloadKeepsReferencesToACustomerDeletedLocally() {
        EntityValue server = f.one("WorkOrders(1)");
        server.setValue("Title", "changed locally");
        f.service.updateEntity(server);
        EntityValue bound = FieldService.workOrder("bound").bindEntity("Customer", f.one("Customers(" + ACME + ")"));
        f.service.createEntity(bound);
        f.service.deleteEntity(f.one("Customers(" + ACME + ")"));

        f.serverHas("Parts", "{\"PartNumber\":\"P-9\",\"Name\":\"an unrelated download\"}");

        LocalStateCheck.assertReplayable(f.store, "Parts('PROBE')");
        f.service.undoPendingChanges("Customers(" + ACME + ")");
        assertThat(customerOf("WorkOrders(1)")).isEqualTo("Customers(" + ACME + ")");
        assertThat(customerOf(bound.readLink())).isEqualTo("Customers(" + ACME + ")");
    }

    @Test
    void aDownloadLeavesTheReferencesOfLocalEntitiesToTheQueue() {
        EntityValue local = FieldService.customer(UUID.randomUUID(), "local");
        f.service.createEntity(local);
        EntityValue bound = FieldService.workOrder("bound").bindEntity("Customer", local);
        f.service.createEntity(bound);
        f.service.deleteEntity(local);

        f.serverHas("Parts", "{\"PartNumber\":\"P-9\",\"Name\":\"an unrelated download\"}");

        LocalStateCheck.assertReplayable(f.store, "Parts('PROBE')");
    }
}
