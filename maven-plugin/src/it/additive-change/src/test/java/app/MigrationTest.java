package app;

import com.example.field.FieldMetadata;
import com.example.field.FieldService;
import com.example.field.WorkOrder;
import com.example.field.WorkOrderStatus;
import dev.outpost.DataService;
import dev.outpost.EntityValue;
import dev.outpost.OfflineStore;
import dev.outpost.StoreOptions;
import dev.outpost.model.MetadataSource;
import dev.outpost.model.QualifiedName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A store written by version 1 of the application opens with version 2 and is migrated by the packaged SQL. */
class MigrationTest {

    @TempDir
    Path dir;

    @Test
    void aVersionOneStoreOpensMigratedWithItsDataAndQueue() {
        Path file = dir.resolve("field.db");
        try (OfflineStore v1 = OfflineStore.open(StoreOptions.of(file, MetadataSource.classpath("field-v1.xml")))) {
            assertEquals(1, v1.schemaVersion());
            new DataService(v1).createEntity(new EntityValue(new QualifiedName("FieldService", "WorkOrder"))
                    .setValue("Title", "Written by version 1").setValue("Priority", 2).setValue("Status", "New"));
        }
        try (OfflineStore v2 = OfflineStore.open(StoreOptions.of(file, FieldMetadata.loadModel()))) {
            assertEquals(2, v2.schemaVersion());
            FieldService service = new FieldService(v2);
            WorkOrder order = service.fetchWorkOrders().get(0);
            assertEquals("Written by version 1", order.getTitle());
            assertEquals(WorkOrderStatus.NEW, order.getStatus());
            order.setNotes("added by version 2");
            service.updateInWorkOrders(order);
            assertEquals("added by version 2", service.fetchWorkOrders().get(0).getNotes());
            assertEquals("ok", v2.integrityCheck());
        }
    }
}
