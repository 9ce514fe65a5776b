package dev.outpost;

import dev.outpost.examples.backend.BackendOptions;
import dev.outpost.examples.backend.FieldServiceBackend;
import dev.outpost.examples.backend.JournalEntry;
import dev.outpost.examples.backend.Seed;
import dev.outpost.query.DataQuery;
import dev.outpost.query.QueryFunction;
import dev.outpost.testing.FieldService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What uploads to the example back end leave in the store: a rejected DELETE in the error
 * archive (L5), custom headers on the wire (L10), the local-state flags of failed requests
 * (L11), the event log of real syncs (Q7) and every error-archive column (Q8).
 */
class UploadOutcomesTest {

    static FieldServiceBackend backend;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        backend = FieldServiceBackend.start(BackendOptions.defaults());
    }

    @org.junit.jupiter.api.AfterAll
    static void stop() {
        backend.close();
    }

    @BeforeEach
    void reset() {
        backend.reset();
        backend.faults().clear();
        backend.seed(Seed.workOrders(3));
    }

    OfflineStore open(List<FailedRequest> failures) {
        SyncOptions sync = SyncOptions.of(backend.serviceRoot()).definingQuery("orders", "WorkOrders?$expand=Tasks,Parts")
                .definingQuery("customers", "Customers").definingQuery("parts", "Parts").listener(new SyncListener() {
                    @Override
                    public void requestFailed(FailedRequest failure) {
                        failures.add(failure);
                    }
                });
        return OfflineStore.open(StoreOptions.of(dir.resolve("store.db"), FieldService.model()).sync(sync));
    }

    static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }

    static List<EntityValue> query(DataService service, String url) {
        return service.executeQuery(DataQuery.parse(url)).entities();
    }

    static List<JournalEntry.BatchPart> batchParts() {
        List<JournalEntry.BatchPart> parts = new ArrayList<>();
        for (JournalEntry e : backend.journal().entries(e -> e.url().contains("$batch"))) {
            parts.addAll(e.batchParts());
        }
        return parts;
    }

    @Test
    void L5_aDeleteTheBackEndRejectsIsArchivedNotLost() throws Exception {
        List<FailedRequest> failures = new ArrayList<>();
        try (OfflineStore store = open(failures)) {
            await(store.download());
            DataService service = new DataService(store);
            EntityValue doomed = service.loadEntity("WorkOrders(2)");
            service.deleteEntity(doomed, RequestOptions.defaults().customTag("remove-2"));
            EntityValue queued = query(service, "RequestQueue").get(0);
            assertThat(queued.getValue("Method")).isEqualTo("DELETE");

            backend.faults().failNth("DELETE", "WorkOrders*", 1);
            UploadResult result = await(store.upload());
            assertThat(result.failed()).isEqualTo(1);
            assertThat(result.succeeded()).isZero();
            assertThat(batchParts()).extracting(JournalEntry.BatchPart::method).containsExactly("DELETE");
            assertThat(backend.database().count("WorkOrders", "Id = ?", 2)).isEqualTo(1); // the server kept it

            // the archive holds the DELETE, naming the entity
            List<EntityValue> archive = query(service, "ErrorArchive");
            assertThat(archive).hasSize(1);
            EntityValue error = archive.get(0);
            assertThat(error.getValue("RequestMethod")).isEqualTo("DELETE");
            assertThat(error.getValue("RequestURL")).isEqualTo(queued.getValue("URL"));
            assertThat(error.getValue("RequestID")).isEqualTo(queued.getValue("RequestID"));
            assertThat(error.getValue("AffectedEntityReadLink")).isEqualTo(queued.getValue("AffectedEntityReadLink"));
            assertThat(error.getValue("AffectedEntitySet")).isEqualTo("WorkOrders");
            assertThat(error.getValue("CustomTag")).isEqualTo("remove-2");
            assertThat(error.getValue("HTTPStatusCode")).isEqualTo(500);
            assertThat(error.getValue("Conflict")).isEqualTo(false);
            assertThat(failures).singleElement().satisfies(f -> {
                assertThat(f.method()).isEqualTo("DELETE");
                assertThat(f.status()).isEqualTo(500);
                assertThat(f.errorId()).isEqualTo(error.getValue("ErrorID"));
            });

            // the request is still queued (failed), and the entity is still deleted locally
            EntityValue stillQueued = query(service, "RequestQueue").get(0);
            assertThat(stillQueued.getValue("RequestID")).isEqualTo(queued.getValue("RequestID"));
            assertThat(stillQueued.getValue("Method")).isEqualTo("DELETE");
            assertThat(stillQueued.getValue("Status")).isEqualTo("failed");
            // documented: a failed request waits for a decision and does not count as waiting to be uploaded
            assertThat(store.isRequestQueueEmpty()).isTrue();
            assertThat(query(service, "WorkOrders(2)")).isEmpty();
            assertThat(query(service, "WorkOrders")).extracting(e -> e.getValue("Id")).containsExactly(1L, 3L);

            // a download does not bring it back while the delete waits
            await(store.download());
            assertThat(query(service, "WorkOrders(2)")).isEmpty();

            // and it can be sent again: nothing was lost
            store.resolve((Long) error.getValue("ErrorID"), Resolution.KEEP_LOCAL);
            UploadResult again = await(store.upload());
            assertThat(again.failed()).isZero();
            assertThat(again.succeeded()).isEqualTo(1);
            assertThat(backend.database().count("WorkOrders", "Id = ?", 2)).isZero();
            assertThat(query(service, "ErrorArchive")).isEmpty();
            assertThat(store.isRequestQueueEmpty()).isTrue();
        }
    }

    @Test
    void L5_undoingARejectedDeleteBringsTheServerStateBack() throws Exception {
        try (OfflineStore store = open(new ArrayList<>())) {
            await(store.download());
            DataService service = new DataService(store);
            String title = (String) service.loadEntity("WorkOrders(2)").getValue("Title");
            service.deleteEntity(service.loadEntity("WorkOrders(2)"));
            backend.faults().failNth("DELETE", "WorkOrders*", 1);
            assertThat(await(store.upload()).failed()).isEqualTo(1);
            long errorId = (Long) query(service, "ErrorArchive").get(0).getValue("ErrorID");
            store.resolve(errorId, Resolution.KEEP_SERVER);
            EntityValue back = service.loadEntity("WorkOrders(2)");
            assertThat(back.getValue("Title")).isEqualTo(title);
            assertThat(back.hasPendingChanges()).isFalse();
            assertThat(back.inErrorState()).isFalse();
            assertThat(query(service, "ErrorArchive")).isEmpty();
            assertThat(store.isRequestQueueEmpty()).isTrue();
        }
    }

    @Test
    void L10_aCustomHeaderIsQueuedAndSentWhileCredentialsAreRefused() throws Exception {
        try (OfflineStore store = open(new ArrayList<>())) {
            await(store.download());
            DataService service = new DataService(store);
            EntityValue order = FieldService.workOrder("with a site header");
            service.createEntity(order, RequestOptions.defaults().header("X-Site", "Lyon"));
            EntityValue existing = service.loadEntity("WorkOrders(1)");
            existing.setValue("Priority", 4);
            service.updateEntity(existing);

            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.local().file());
                 ResultSet rs = c.createStatement().executeQuery("SELECT \"method\", \"headers\" FROM \"$requests\" ORDER BY \"id\"")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("POST");
                assertThat(rs.getString(2)).isEqualTo("{\"X-Site\":\"Lyon\"}");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).doesNotContain("X-Site");
            }

            assertThat(await(store.upload()).succeeded()).isEqualTo(2);
            List<JournalEntry.BatchPart> parts = batchParts();
            assertThat(parts).extracting(JournalEntry.BatchPart::method).containsExactly("POST", "PATCH");
            assertThat(parts.get(0).headers()).containsEntry("x-site", List.of("Lyon"));
            assertThat(parts.get(1).headers()).doesNotContainKey("x-site");
        }
        for (String credential : List.of("Authorization", "authorization", "Cookie", "Proxy-Authorization", "X-CSRF-Token")) {
            assertThatThrownBy(() -> RequestOptions.defaults().header(credential, "secret"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("would be stored in the request queue");
        }
    }

    @Test
    void L10_aHeaderCannotSmuggleCredentialsOrBreakTheBatchFraming() {
        // a line break in a value would start a new header line inside the $batch part
        assertThatThrownBy(() -> RequestOptions.defaults().header("X-Site", "Lyon\r\nAuthorization: Bearer secret"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line break");
        assertThatThrownBy(() -> RequestOptions.defaults().header("X-Site", "Lyon\nx"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line break");
        assertThatThrownBy(() -> RequestOptions.defaults().header("Authorization ", "Bearer secret"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid header name");
        assertThatThrownBy(() -> RequestOptions.defaults().header("X-A: b\r\nAuthorization", "Bearer secret"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid header name");
        assertThatThrownBy(() -> RequestOptions.defaults().header("", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a valid header name");
        for (String framing : List.of("Content-Length", "content-id", "Content-Transfer-Encoding", "Transfer-Encoding", "Host")) {
            assertThatThrownBy(() -> RequestOptions.defaults().header(framing, "1"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set by the upload itself");
        }
        assertThat(RequestOptions.defaults().header("X-Site", "Lyon\tEast").headers()).containsEntry("X-Site", "Lyon\tEast");
    }

    @Test
    void L11_localStateFlagsBeforeAndAfterAFailedUpload() throws Exception {
        try (OfflineStore store = open(new ArrayList<>())) {
            await(store.download());
            DataService service = new DataService(store);
            EntityValue untouched = service.loadEntity("WorkOrders(1)");
            assertThat(List.of(untouched.isLocal(), untouched.hasPendingChanges(), untouched.inErrorState()))
                    .containsExactly(false, false, false);
            for (String f : List.of("sap.islocal()", "sap.haspendingchanges()", "sap.inerrorstate()")) {
                assertThat(query(service, "WorkOrders?$filter=" + f)).as(f).isEmpty();
            }

            EntityValue failing = service.loadEntity("WorkOrders(3)");
            failing.setValue("Title", "edited offline");
            service.updateEntity(failing);
            EntityValue fine = service.loadEntity("WorkOrders(2)");
            fine.setValue("Priority", 5);
            service.updateEntity(fine);
            EntityValue created = FieldService.workOrder("new offline");
            service.createEntity(created);
            assertThat(query(service, "WorkOrders?$filter=sap.inerrorstate()")).isEmpty();
            assertThat(query(service, "WorkOrders?$filter=sap.haspendingchanges()&$orderby=Title"))
                    .extracting(e -> e.getValue("Title")).containsExactly("Work order 2", "edited offline", "new offline");
            assertThat(service.loadEntity("WorkOrders(3)").inErrorState()).isFalse();

            backend.database().execute("DELETE FROM WorkOrders WHERE Id = 3"); // the PATCH gets 404
            UploadResult result = await(store.upload());
            assertThat(result.failed()).isEqualTo(1);
            assertThat(result.succeeded()).isEqualTo(2);

            assertThat(query(service, "WorkOrders?$filter=sap.inerrorstate()")).extracting(e -> e.getValue("Id"))
                    .containsExactly(3L);
            // Q6 parity for the state functions after a real failure: the typed DSL gives the same rows
            assertThat(service.executeQuery(DataQuery.from("WorkOrders").filter(QueryFunction.inErrorState())).entities())
                    .extracting(e -> e.getValue("Id")).containsExactly(3L);
            assertThat(service.executeQuery(DataQuery.from("WorkOrders").filter(QueryFunction.isLocal()
                    .and(QueryFunction.inErrorState().not()))).entities()).isEmpty();
            assertThat(query(service, "WorkOrders?$filter=sap.islocal() and not sap.inerrorstate()")).isEmpty();
            assertThat(query(service, "WorkOrders?$filter=not sap.inerrorstate()&$orderby=Id"))
                    .extracting(e -> e.getValue("Id")).containsExactly(1L, 2L, 4L);
            // documented design: a failed request waits for a decision, not for an upload, so it is not "pending"
            assertThat(query(service, "WorkOrders?$filter=sap.haspendingchanges()")).isEmpty();
            assertThat(query(service, "WorkOrders?$filter=sap.islocal()")).extracting(e -> e.getValue("Id"))
                    .containsExactly(3L);
            EntityValue inError = service.loadEntity("WorkOrders(3)");
            assertThat(List.of(inError.isLocal(), inError.hasPendingChanges(), inError.inErrorState()))
                    .containsExactly(true, false, true);
            assertThat(inError.getValue("Title")).isEqualTo("edited offline");
            // a new change to the entity in error is pending, and the entity stays in error
            inError.setValue("Priority", 1);
            service.updateEntity(inError);
            assertThat(query(service, "WorkOrders?$filter=sap.haspendingchanges() and sap.inerrorstate()"))
                    .extracting(e -> e.getValue("Id")).containsExactly(3L);
            EntityValue both = service.loadEntity("WorkOrders(3)");
            assertThat(List.of(both.isLocal(), both.hasPendingChanges(), both.inErrorState())).containsExactly(true, true, true);
            for (String link : List.of("WorkOrders(2)", "WorkOrders(4)", created.readLink())) {
                EntityValue uploaded = service.loadEntity(link);
                assertThat(List.of(uploaded.isLocal(), uploaded.hasPendingChanges(), uploaded.inErrorState()))
                        .as(link).containsExactly(false, false, false);
            }
            assertThat(query(service, "Tasks?$filter=sap.inerrorstate()")).isEmpty();
        }
    }

    @Test
    void Q7_realDownloadsAndUploadsAreLoggedAsDownloadAndUploadWithTheDefiningQueries() throws Exception {
        try (OfflineStore store = open(new ArrayList<>())) {
            DataService service = new DataService(store);
            OffsetDateTime before = OffsetDateTime.now().minusSeconds(1);
            await(store.download());
            await(store.download("orders", "parts"));
            EntityValue e = service.loadEntity("WorkOrders(1)");
            e.setValue("Priority", 1);
            service.updateEntity(e);
            await(store.upload());
            OffsetDateTime after = OffsetDateTime.now().plusSeconds(1);

            List<EntityValue> events = query(service, "EventLog?$orderby=ID");
            assertThat(events).extracting(v -> v.getValue("Type")).containsExactly("Download", "Download", "Upload");
            assertThat(events).extracting(v -> v.getValue("Details")).containsExactly(null, "orders,parts", null);
            for (EntityValue v : events) {
                OffsetDateTime time = (OffsetDateTime) v.getValue("Time");
                assertThat(time).isAfterOrEqualTo(before).isBeforeOrEqualTo(after);
            }
            // the seed's queries: the last full download, the last download of one defining query
            assertThat(query(service, "EventLog?$filter=Type eq 'Download' and Details eq null&$orderby=Time desc&$top=1"))
                    .extracting(v -> v.getValue("ID")).containsExactly(events.get(0).getValue("ID"));
            assertThat(query(service, "EventLog?$filter=Type eq 'Download' and (Details eq null or indexof(Details,'parts')"
                    + " ge 0)&$orderby=ID desc&$top=1")).extracting(v -> v.getValue("ID"))
                    .containsExactly(events.get(1).getValue("ID"));
            assertThat(query(service, "EventLog?$filter=Type eq 'Upload'&$select=Time&$orderby=Time desc&$top=10")).hasSize(1);
        }
    }

    @Test
    void Q8_theErrorArchiveHoldsEveryDetailOfARealFailure() throws Exception {
        List<FailedRequest> failures = new ArrayList<>();
        try (OfflineStore store = open(failures)) {
            await(store.download());
            DataService service = new DataService(store);
            EntityValue order = service.loadEntity("WorkOrders(3)");
            order.setValue("Title", "edited offline");
            service.updateEntity(order, RequestOptions.defaults().customTag("visit-3"));
            EntityValue queued = query(service, "RequestQueue").get(0);
            backend.database().execute("DELETE FROM WorkOrders WHERE Id = 3");
            OffsetDateTime before = OffsetDateTime.now().minusSeconds(1);
            assertThat(await(store.upload()).failed()).isEqualTo(1);
            OffsetDateTime after = OffsetDateTime.now().plusSeconds(1);

            EntityValue error = query(service, "ErrorArchive").get(0);
            FailedRequest failure = failures.get(0);
            assertThat(error.getValue("ErrorID")).isEqualTo(failure.errorId());
            assertThat(error.getValue("RequestID")).isEqualTo(queued.getValue("RequestID")).isEqualTo(failure.requestId());
            assertThat(error.getValue("CustomTag")).isEqualTo("visit-3");
            assertThat(error.getValue("HTTPStatusCode")).isEqualTo(404).isEqualTo(failure.status());
            // the example back end's OData error carries a message but no code and no inner error
            assertThat(error.getValue("Code")).isNull();
            assertThat(failure.code()).isNull();
            assertThat(error.getValue("Message")).isEqualTo("There is no entity WorkOrders(3).").isEqualTo(failure.message());
            assertThat(error.getValue("InnerError")).isNull();
            assertThat(error.getValue("RequestMethod")).isEqualTo("PATCH").isEqualTo(failure.method());
            assertThat(error.getValue("RequestURL")).isEqualTo(queued.getValue("URL")).isEqualTo(failure.url());
            assertThat(error.getValue("RequestBody")).isEqualTo("{\"Title\":\"edited offline\"}");
            assertThat(error.getValue("AffectedEntitySet")).isEqualTo("WorkOrders");
            assertThat(error.getValue("AffectedEntityReadLink")).isEqualTo(queued.getValue("AffectedEntityReadLink"))
                    .isEqualTo(failure.affectedEntity());
            assertThat(error.getValue("Conflict")).isEqualTo(false);
            assertThat(error.getValue("ServerState")).isNull();
            assertThat((OffsetDateTime) error.getValue("Time")).isAfterOrEqualTo(before).isBeforeOrEqualTo(after);
            assertThat(service.loadEntity((String) error.getValue("AffectedEntityReadLink")).getValue("Title"))
                    .isEqualTo("edited offline");
        }
    }
}
