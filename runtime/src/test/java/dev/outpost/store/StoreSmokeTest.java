package dev.outpost.store;

import dev.outpost.DataService;
import dev.outpost.EntityValue;
import dev.outpost.OfflineStore;
import dev.outpost.StoreOptions;
import dev.outpost.query.DataQuery;
import dev.outpost.testing.FieldService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StoreSmokeTest {

    @TempDir
    Path dir;

    @Test
    void createQueryUpdateDelete() {
        try (OfflineStore store = OfflineStore.open(StoreOptions.of(dir.resolve("s.db"), FieldService.model()))) {
            DataService service = new DataService(store);
            EntityValue wo = FieldService.workOrder("Replace pump");
            service.createEntity(wo);
            assertThat(wo.readLink()).isEqualTo("WorkOrders($lid=1)");
            List<EntityValue> all = service.executeQuery(DataQuery.parse("WorkOrders?$filter=contains(Title,'pump')")).entities();
            assertThat(all).hasSize(1);
            assertThat(all.get(0).getValue("Status")).isEqualTo("New");
            assertThat(all.get(0).getValue("Priority")).isEqualTo(3);
            wo.setValue("Priority", 1);
            service.updateEntity(wo);
            assertThat(service.loadEntity(wo.readLink()).getValue("Priority")).isEqualTo(1);
            service.deleteEntity(wo);
            assertThat(service.executeQuery(DataQuery.from("WorkOrders")).entities()).isEmpty();
            assertThat(service.executeQuery(DataQuery.parse("RequestQueue?$orderby=RequestID")).entities())
                    .extracting(e -> e.getValue("Method") + " " + e.getValue("URL"))
                    .containsExactly("POST WorkOrders", "PATCH WorkOrders($lid=1)", "DELETE WorkOrders($lid=1)");
            assertThat(store.integrityCheck()).isEqualTo("ok");
        }
    }
}
