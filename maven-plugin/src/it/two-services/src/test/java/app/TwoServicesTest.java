package app;

import com.example.field.FieldMetadata;
import com.example.field.FieldService;
import com.example.field.WorkOrder;
import com.example.field.WorkOrderStatus;
import com.example.notes.Note;
import com.example.notes.NotesMetadata;
import com.example.notes.NotesService;
import dev.outpost.OfflineStore;
import dev.outpost.StoreOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One application, two services, one store each. */
class TwoServicesTest {

    @TempDir
    Path dir;

    @Test
    void eachServiceHasItsProxiesAndItsStore() {
        UUID id = UUID.fromString("0f0f0f0f-1111-2222-3333-444444444444");
        try (OfflineStore field = OfflineStore.open(StoreOptions.of(dir.resolve("field.db"), FieldMetadata.loadModel()));
             OfflineStore notes = OfflineStore.open(StoreOptions.of(dir.resolve("notes.db"), NotesMetadata.loadModel()))) {
            WorkOrder order = new WorkOrder();
            order.setTitle("Replace pump");
            order.setPriority(1);
            order.setStatus(WorkOrderStatus.NEW);
            new FieldService(field).createInWorkOrders(order);
            Note note = new Note();
            note.setId(id);
            note.setText("Bring the long ladder");
            NotesService service = new NotesService(notes);
            service.createInNotes(note);

            assertEquals("Replace pump", new FieldService(field).fetchWorkOrders().get(0).getTitle());
            assertEquals("Bring the long ladder", service.fetchNotesByKey(id).getText());
            assertEquals(1, notes.schemaVersion());
        }
    }
}
