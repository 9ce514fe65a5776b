package dev.outpost;

import dev.outpost.examples.backend.BackendOptions;
import dev.outpost.examples.backend.FieldServiceBackend;
import dev.outpost.examples.backend.Seed;
import dev.outpost.model.MetadataSource;
import dev.outpost.model.ServiceModel;
import dev.outpost.query.DataQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** S13: the back end's $metadata changed since the app was built. */
class SchemaUpgradeTest {

    @TempDir
    Path dir;

    static String served() throws IOException {
        try (InputStream in = SchemaUpgradeTest.class.getClassLoader().getResourceAsStream("field-service/metadata.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static ServiceModel model(String xml) {
        return ServiceModel.read(MetadataSource.bytes("app-metadata.xml", xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anAdditiveChangeUpgradesTheStoreInPlaceAndPendingRequestsSurvive() throws Exception {
        String older = served().replace("        <Property Name=\"Description\" Type=\"Edm.String\" MaxLength=\"2000\"/>\n", "");
        assertThat(older).isNotEqualTo(served());
        try (FieldServiceBackend backend = FieldServiceBackend.start(BackendOptions.defaults())) {
            backend.seed(Seed.workOrders(5));
            try (OfflineStore store = OfflineStore.open(StoreOptions.of(dir.resolve("s.db"), model(older))
                    .sync(SyncOptions.of(backend.serviceRoot()).definingQuery("orders", "WorkOrders")))) {
                DataService service = new DataService(store);
                service.createEntity(new EntityValue(dev.outpost.testing.FieldService.WORK_ORDER).setValue("Title", "pending"));
                assertThat(store.schemaVersion()).isEqualTo(1);
                DownloadResult result = store.download().get(60, TimeUnit.SECONDS);
                assertThat(result.schemaVersion()).isEqualTo(2);
                assertThat(store.schemaVersion()).isEqualTo(2);
                assertThat(new DataService(store).loadEntity("WorkOrders(1)").getValue("Description")).isNotNull();
                assertThat(new DataService(store).executeQuery(DataQuery.parse("RequestQueue")).entities()).hasSize(1);
                store.upload().get(60, TimeUnit.SECONDS);
                assertThat(backend.database().count("WorkOrders", "Title = ?", "pending")).isEqualTo(1);
                assertThat(new DataService(store).executeQuery(DataQuery.parse("EventLog?$filter=Type eq 'schema-upgrade'"))
                        .entities()).hasSize(1);
            }
        }
    }

    @Test
    void aNonAdditiveChangeFailsTheDownloadAndLeavesTheStoreUntouched() throws Exception {
        String newer = served().replace("<Property Name=\"Signature\" Type=\"Edm.Binary\" MaxLength=\"65536\"/>",
                "<Property Name=\"Signature\" Type=\"Edm.Binary\" MaxLength=\"65536\"/>\n"
                        + "        <Property Name=\"AppOnly\" Type=\"Edm.String\"/>");
        try (FieldServiceBackend backend = FieldServiceBackend.start(BackendOptions.defaults())) {
            backend.seed(Seed.workOrders(5));
            Path file = dir.resolve("s.db");
            try (OfflineStore store = OfflineStore.open(StoreOptions.of(file, model(newer))
                    .sync(SyncOptions.of(backend.serviceRoot()).definingQuery("orders", "WorkOrders")))) {
                new DataService(store).createEntity(new EntityValue(dev.outpost.testing.FieldService.WORK_ORDER)
                        .setValue("Title", "pending"));
                byte[] before = Files.readAllBytes(file);
                assertThatThrownBy(() -> store.download().get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(SyncException.class).hasMessageContaining("AppOnly")
                        .hasMessageContaining("the store is unchanged");
                assertThat(store.schemaVersion()).isEqualTo(1);
                assertThat(new DataService(store).executeQuery(DataQuery.parse("WorkOrders")).entities()).hasSize(1);
                assertThat(Files.readAllBytes(file)).isEqualTo(before);
            }
        }
    }

    @Test
    void relativeNextLinksAndContextsResolveAgainstTheServiceRoot() throws Exception {
        try (FieldServiceBackend backend = FieldServiceBackend.start(BackendOptions.defaults().withRelativeLinks(true)
                .withPageSize(7))) {
            backend.seed(Seed.workOrders(30));
            try (OfflineStore store = OfflineStore.open(StoreOptions.of(dir.resolve("s.db"), model(served()))
                    .sync(SyncOptions.of(backend.serviceRoot()).definingQuery("orders", "WorkOrders")))) {
                DownloadResult result = store.download().get(60, TimeUnit.SECONDS);
                assertThat(result.pages()).isEqualTo(5);
                assertThat(new DataService(store).executeQuery(DataQuery.parse("WorkOrders")).entities()).hasSize(30);
            }
        }
    }
}
