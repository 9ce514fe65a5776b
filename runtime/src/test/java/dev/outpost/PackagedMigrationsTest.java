package dev.outpost;

import dev.outpost.internal.schema.SchemaDiff;
import dev.outpost.internal.schema.SchemaHistory;
import dev.outpost.internal.schema.SchemaMapper;
import dev.outpost.internal.schema.StoreSchema;
import dev.outpost.model.MetadataSource;
import dev.outpost.model.ServiceModel;
import dev.outpost.query.DataQuery;
import dev.outpost.testing.FieldService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * G6 on the device: a store opened at an older version of the application's packaged schema
 * history is migrated with the packaged statements, numbered as the history numbers them.
 */
class PackagedMigrationsTest {

    @TempDir
    Path dir;

    private final ClassLoader original = Thread.currentThread().getContextClassLoader();

    @AfterEach
    void restoreContextClassLoader() {
        Thread.currentThread().setContextClassLoader(original);
    }

    private static String metadata() throws IOException {
        try (InputStream in = PackagedMigrationsTest.class.getClassLoader().getResourceAsStream("field-service/metadata.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Version 2 of the field service: work orders gain {@code Notes}. */
    private static ServiceModel version2() throws IOException {
        String xml = metadata().replace("<Property Name=\"Description\" Type=\"Edm.String\" MaxLength=\"2000\"/>",
                "<Property Name=\"Description\" Type=\"Edm.String\" MaxLength=\"2000\"/>\n"
                        + "        <Property Name=\"Notes\" Type=\"Edm.String\"/>");
        assertThat(xml).contains("Notes");
        return ServiceModel.read(MetadataSource.bytes("v2.xml", xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Packages a history as the build does, with one extra statement that only the packaged migration has. */
    private void packageHistory(ServiceModel... models) throws IOException {
        Path resources = dir.resolve("classes");
        List<StoreSchema> schemas = new ArrayList<>();
        for (ServiceModel m : models) {
            schemas.add(SchemaMapper.map(m));
        }
        String service = schemas.get(0).service();
        Path history = resources.resolve(SchemaHistory.resourceDirectory(service));
        Files.createDirectories(history);
        for (int v = 1; v <= schemas.size(); v++) {
            Files.writeString(history.resolve(SchemaHistory.snapshotFile(v)), schemas.get(v - 1).toJson());
            if (v > 1) {
                List<String> statements = new ArrayList<>(SchemaDiff.between(schemas.get(v - 2), schemas.get(v - 1)).migration());
                statements.add("CREATE INDEX \"packaged." + v + "\" ON \"WorkOrders\" (\"Title\")");
                Files.writeString(history.resolve(SchemaHistory.migrationFile(v)),
                        SchemaHistory.migrationText(service, v, statements));
            }
        }
        Thread.currentThread().setContextClassLoader(new URLClassLoader(new URL[] {resources.toUri().toURL()}, original));
    }

    private static List<String> indexes(Path file) throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet rs = c.createStatement().executeQuery("SELECT name FROM sqlite_master WHERE type = 'index'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    @Test
    void anOlderStoreIsMigratedWithThePackagedStatementsAndKeepsItsData() throws Exception {
        ServiceModel v2 = version2();
        packageHistory(FieldService.model(), v2);
        Path file = dir.resolve("field.db");
        try (OfflineStore store = OfflineStore.open(StoreOptions.of(file, FieldService.model()))) {
            assertThat(store.schemaVersion()).isEqualTo(1);
            new DataService(store).createEntity(FieldService.workOrder("Before"));
        }

        try (OfflineStore store = OfflineStore.open(StoreOptions.of(file, v2))) {
            assertThat(store.schemaVersion()).isEqualTo(2);
            DataService service = new DataService(store);
            EntityValue before = service.executeQuery(DataQuery.from("WorkOrders")).entities().get(0);
            assertThat(before.getValue("Title")).isEqualTo("Before");
            before.setValue("Notes", "added in version 2");
            service.updateEntity(before);
            assertThat(service.loadEntity(before.readLink()).getValue("Notes")).isEqualTo("added in version 2");
            assertThat(service.executeQuery(DataQuery.parse("RequestQueue")).entities()).hasSize(2);
            assertThat(store.integrityCheck()).isEqualTo("ok");
        }
        assertThat(indexes(file)).contains("packaged.2");
    }

    @Test
    void aNewStoreTakesTheVersionNumberOfThePackagedHistory() throws Exception {
        ServiceModel v2 = version2();
        packageHistory(FieldService.model(), v2);
        try (OfflineStore store = OfflineStore.open(StoreOptions.of(dir.resolve("new.db"), v2))) {
            assertThat(store.schemaVersion()).isEqualTo(2);
        }
        assertThat(indexes(dir.resolve("new.db"))).doesNotContain("packaged.2");
    }

    @Test
    void aModelOutsideTheHistoryMigratesAsBeforeWithAComputedMigration() throws Exception {
        packageHistory(FieldService.model());
        Path file = dir.resolve("live.db");
        OfflineStore.open(StoreOptions.of(file, FieldService.model())).close();
        try (OfflineStore store = OfflineStore.open(StoreOptions.of(file, version2()))) {
            assertThat(store.schemaVersion()).isEqualTo(2);
        }
        assertThat(indexes(file)).noneMatch(i -> i.startsWith("packaged."));
    }

    @Test
    void migrationFilesParseStatementByStatement() {
        assertThat(SchemaHistory.parseMigration("1-to-2.sql", "-- comment\n\nALTER TABLE \"A\" ADD COLUMN \"B\" TEXT;\n"
                + "UPDATE \"A\"\n   SET \"B\" = 'x;y';\n")).containsExactly("ALTER TABLE \"A\" ADD COLUMN \"B\" TEXT",
                "UPDATE \"A\"\nSET \"B\" = 'x;y'");
        assertThatThrownBy(() -> SchemaHistory.parseMigration("2-to-3.sql", "ALTER TABLE \"A\" ADD COLUMN \"C\" TEXT\n"))
                .hasMessage("2-to-3.sql:1: the statement that starts here does not end with ';' at the end of a line;"
                        + " end every statement with ';'");
    }
}
