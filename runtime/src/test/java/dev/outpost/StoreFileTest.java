package dev.outpost;

import dev.outpost.internal.schema.SchemaMapper;
import dev.outpost.internal.schema.StoreSchema;
import dev.outpost.model.MetadataSource;
import dev.outpost.model.ServiceModel;
import dev.outpost.query.DataQuery;
import dev.outpost.testing.Corpus;
import dev.outpost.testing.FieldService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store checks itself on open: identity, schema hash, additive migration, clear refusals. */
class StoreFileTest {

    @TempDir
    Path dir;

    private static String metadata() throws IOException {
        try (InputStream in = StoreFileTest.class.getClassLoader().getResourceAsStream("field-service/metadata.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ServiceModel model(String xml) {
        return ServiceModel.read(MetadataSource.bytes("edited.xml", xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aStoreReopensWithItsDataAndSchemaVersion() {
        Path file = dir.resolve("a.db");
        try (OfflineStore store = OfflineStore.open(StoreOptions.of(file, FieldService.model()))) {
            new DataService(store).createEntity(FieldService.workOrder("Kept"));
            assertThat(store.schemaVersion()).isEqualTo(1);
        }
        try (OfflineStore store = OfflineStore.open(StoreOptions.of(file, MetadataSource.classpath("field-service/metadata.xml")))) {
            assertThat(new DataService(store).executeQuery(DataQuery.from("WorkOrders")).entities()).hasSize(1);
            assertThat(store.isRequestQueueEmpty()).isFalse();
            assertThat(store.schemaVersion()).isEqualTo(1);
        }
    }

    @Test
    void aFileOfAnotherServiceIsRefused() {
        Path file = dir.resolve("b.db");
        OfflineStore.open(StoreOptions.of(file, FieldService.model())).close();
        ServiceModel trippin = ServiceModel.read(MetadataSource.file(Corpus.file("trippin.xml")));
        assertThatThrownBy(() -> OfflineStore.open(StoreOptions.of(file, trippin)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("belongs to the service 'FieldService.Container'")
                .hasMessageContaining("not to 'Microsoft.OData.SampleService.Models.TripPin.DefaultContainer'");
    }

    @Test
    void anAdditiveChangeMigratesInPlaceAndPendingRequestsSurvive() throws Exception {
        Path file = dir.resolve("c.db");
        try (OfflineStore store = OfflineStore.open(StoreOptions.of(file, FieldService.model()))) {
            new DataService(store).createEntity(FieldService.workOrder("Before"));
        }
        String v2 = metadata().replace("<Property Name=\"Description\" Type=\"Edm.String\" MaxLength=\"2000\"/>",
                "<Property Name=\"Description\" Type=\"Edm.String\" MaxLength=\"2000\"/>\n"
                        + "        <Property Name=\"Notes\" Type=\"Edm.String\"/>");
        assertThat(v2).contains("Notes");
        try (OfflineStore store = OfflineStore.open(StoreOptions.of(file, model(v2)))) {
            assertThat(store.schemaVersion()).isEqualTo(2);
            DataService service = new DataService(store);
            EntityValue before = service.executeQuery(DataQuery.from("WorkOrders")).entities().get(0);
            assertThat(before.getValue("Title")).isEqualTo("Before");
            before.setValue("Notes", "added later");
            service.updateEntity(before);
            assertThat(service.loadEntity(before.readLink()).getValue("Notes")).isEqualTo("added later");
            assertThat(service.executeQuery(DataQuery.parse("RequestQueue")).entities()).hasSize(2);
            assertThat(store.integrityCheck()).isEqualTo("ok");
        }
    }

    @Test
    void aNonAdditiveChangeIsRefusedNamingEachElementAndTheFileStaysUsable() throws Exception {
        Path file = dir.resolve("d.db");
        OfflineStore.open(StoreOptions.of(file, FieldService.model())).close();
        String v2 = metadata()
                .replace("<Property Name=\"Description\" Type=\"Edm.String\" MaxLength=\"2000\"/>", "")
                .replace("<Property Name=\"Priority\" Type=\"Edm.Int32\"", "<Property Name=\"Priority\" Type=\"Edm.String\"");
        assertThatThrownBy(() -> OfflineStore.open(StoreOptions.of(file, model(v2))))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("property 'WorkOrders/Description' was removed (or renamed)")
                .hasMessageContaining("property 'WorkOrders/Priority' changed its type from Edm.Int32 to Edm.String")
                .hasMessageContaining("Only additive changes migrate in place");
        try (OfflineStore store = OfflineStore.open(StoreOptions.of(file, FieldService.model()))) {
            assertThat(store.schemaVersion()).isEqualTo(1);
        }
    }

    @Test
    void aSqliteFileThatIsNotAStoreIsRefused() throws Exception {
        Path file = dir.resolve("other.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement()) {
            s.execute("CREATE TABLE people (name TEXT)");
        }
        assertThatThrownBy(() -> OfflineStore.open(StoreOptions.of(file, FieldService.model())))
                .isInstanceOf(StoreException.class).hasMessageContaining("not an Outpost store");
        Files.writeString(dir.resolve("junk.db"), "this is not a database at all, just text".repeat(100));
        assertThatThrownBy(() -> OfflineStore.open(StoreOptions.of(dir.resolve("junk.db"), FieldService.model())))
                .isInstanceOf(StoreException.class);
    }

    @Test
    void theSnapshotIsReadableDeterministicJson() {
        StoreSchema a = SchemaMapper.map(FieldService.model());
        StoreSchema b = SchemaMapper.map(FieldService.model());
        assertThat(a.toJson()).isEqualTo(b.toJson()).contains("\"entitySet\" : \"WorkOrders\"")
                .contains("\"name\" : \"SiteAddress/City\"").contains("\"collation\" : \"DECIMAL\"");
        assertThat(StoreSchema.fromJson(a.toJson())).isEqualTo(a);
        assertThat(a.identityHash()).isEqualTo(b.identityHash()).hasSize(32);
    }

    static List<Path> corpus() {
        return Corpus.v4Documents();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyCorpusServiceGetsAWorkingStore(Path document) {
        ServiceModel model = ServiceModel.read(MetadataSource.file(document));
        if (model.container().isEmpty()) {
            return;
        }
        try (OfflineStore store = OfflineStore.open(StoreOptions.of(dir.resolve(document.getFileName() + ".db"), model))) {
            assertThat(store.integrityCheck()).isEqualTo("ok");
            String first = model.entitySets().isEmpty() ? null : model.entitySets().get(0).name();
            if (first != null) {
                assertThat(new DataService(store).executeQuery(DataQuery.from(first)).entities()).isEmpty();
            }
        }
    }

    /** A store whose requests touch a work order (a create and an update), its new task and a customer it binds. */
    private static void pendingRequests(Path file) {
        try (OfflineStore store = OfflineStore.open(StoreOptions.of(file, FieldService.model()))) {
            DataService service = new DataService(store);
            EntityValue order = FieldService.workOrder("Indexed");
            service.createEntity(order);
            service.createRelatedEntity(FieldService.task(1, "Check"), order, "Tasks");
            service.updateEntity(order.setValue("Title", "Indexed twice"));
            service.createEntity(FieldService.workOrder("Other"));
        }
    }

    /** What the request queue's entity index answers, through the public API. */
    private static void assertIndexAnswers(OfflineStore store) {
        DataService service = new DataService(store);
        List<EntityValue> pending = service.executeQuery(DataQuery.from("WorkOrders")
                .filter(dev.outpost.query.QueryFunction.hasPendingChanges())).entities();
        assertThat(pending).extracting(e -> e.getValue("Title")).containsExactlyInAnyOrder("Indexed twice", "Other");
        EntityValue order = pending.stream().filter(e -> e.getValue("Title").equals("Indexed twice")).findFirst().orElseThrow();
        assertThat(order.hasPendingChanges()).isTrue();
        service.undoPendingChanges(order); // the create, the task's create under it and the update
        assertThat(service.executeQuery(DataQuery.from("WorkOrders")).entities()).extracting(e -> e.getValue("Title"))
                .containsExactly("Other");
        assertThat(service.executeQuery(DataQuery.from("Tasks")).entities()).isEmpty();
        assertThat(service.executeQuery(DataQuery.parse("RequestQueue")).entities()).hasSize(1);
    }

    @Test
    void theRequestQueuesEntityIndexIsRebuiltFromTheRequestRowsOnOpen() {
        Path file = dir.resolve("index.db");
        pendingRequests(file);
        try (OfflineStore store = OfflineStore.open(StoreOptions.of(file, FieldService.model()))) {
            assertIndexAnswers(store);
        }
        assertThat(dev.outpost.testing.StoreFingerprint.tables(file)).doesNotContainKey("$request_entities");
    }

    @Test
    void aStoreOfSystemVersion2MovesItsEntityIndexIntoTheRequestRows() throws Exception {
        Path file = dir.resolve("v2.db");
        pendingRequests(file);
        // the version-2 layout: the index in a table of its own, no column in the request rows
        try (java.sql.Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE \"$request_entities\" (\"entity_set\" TEXT NOT NULL, \"lid\" INTEGER NOT NULL,"
                    + " \"request\" INTEGER NOT NULL, \"role\" TEXT NOT NULL,"
                    + " PRIMARY KEY (\"entity_set\", \"lid\", \"request\", \"role\")) WITHOUT ROWID");
            s.execute("INSERT INTO \"$request_entities\" SELECT e.value ->> 0, e.value ->> 1, r.id, e.value ->> 2"
                    + " FROM \"$requests\" r, json_each(r.entities) e");
            s.execute("ALTER TABLE \"$requests\" DROP COLUMN \"entities\"");
            s.execute("UPDATE \"$meta\" SET \"value\" = '2' WHERE \"key\" = 'system.version'");
        }
        int entries = dev.outpost.testing.StoreFingerprint.tables(file).get("$request_entities").size();
        assertThat(entries).isGreaterThanOrEqualTo(5);

        OfflineStore.open(StoreOptions.of(file, FieldService.model())).close(); // the upgrade
        try (java.sql.Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT sum(json_array_length(\"entities\"))"
                     + " FROM \"$requests\"")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(entries);
        }
        try (OfflineStore store = OfflineStore.open(StoreOptions.of(file, FieldService.model()))) {
            assertIndexAnswers(store);
        }
        var tables = dev.outpost.testing.StoreFingerprint.tables(file);
        assertThat(tables).doesNotContainKey("$request_entities");
        assertThat(tables.get("$meta")).anyMatch(row -> row.startsWith("system.version|3"));
    }
}
