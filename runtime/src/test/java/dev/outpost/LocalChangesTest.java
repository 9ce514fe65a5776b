package dev.outpost;

import dev.outpost.query.DataQuery;
import dev.outpost.testing.FieldService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** L1–L15: the offline store as a writable OData service, on a real SQLite file. */
class LocalChangesTest {

    private static final UUID ACME = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final UUID GLOBEX = UUID.fromString("66666666-7777-8888-9999-000000000000");

    @TempDir
    Path dir;
    private StoreFixture f;

    @BeforeEach
    void open() {
        f = new StoreFixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    /** Server state: two customers, a technician, a work order with two tasks and a part. */
    private void downloaded() {
        f.serverHas("Customers",
                "{\"Id\":\"" + ACME + "\",\"Name\":\"ACME\",\"@odata.etag\":\"W/\\\"1\\\"\"}",
                "{\"Id\":\"" + GLOBEX + "\",\"Name\":\"Globex\",\"@odata.etag\":\"W/\\\"2\\\"\"}");
        f.serverHas("Technicians", "{\"Id\":7,\"Name\":\"Ada\",\"@odata.etag\":\"W/\\\"3\\\"\"}");
        f.serverHas("Parts", "{\"PartNumber\":\"P-1\",\"Name\":\"Pump\",\"InStock\":4}");
        f.serverHas("WorkOrders", "{\"Id\":42,\"Title\":\"Fix boiler\",\"Status\":\"Scheduled\",\"Priority\":2,"
                + "\"EstimatedCost\":120.50,\"CustomerId\":\"" + ACME + "\",\"TechnicianId\":7,\"@odata.etag\":\"W/\\\"4\\\"\","
                + "\"Parts\":[{\"PartNumber\":\"P-1\",\"Name\":\"Pump\",\"InStock\":4}]}");
        f.serverHas("Tasks",
                "{\"WorkOrderId\":42,\"LineNo\":1,\"Description\":\"Drain\",\"Done\":true,\"@odata.etag\":\"W/\\\"5\\\"\"}",
                "{\"WorkOrderId\":42,\"LineNo\":2,\"Description\":\"Replace valve\",\"Done\":false,\"@odata.etag\":\"W/\\\"6\\\"\"}");
    }

    @Test
    void L1_entitiesCreatedWithoutKeysEachGetTheirOwnLocalIdentity() {
        EntityValue a = FieldService.workOrder("A");
        EntityValue b = FieldService.workOrder("B");
        f.service.createEntity(a);
        f.service.createEntity(b);
        assertThat(a.readLink()).isNotEqualTo(b.readLink()).startsWith("WorkOrders($lid=");
        assertThat(a.getValue("Id")).isNull();
        assertThat(a.isNew()).isTrue();
        assertThat(f.query("WorkOrders?$orderby=Title")).extracting(e -> e.getValue("Title")).containsExactly("A", "B");
    }

    @Test
    void L1_keyUniquenessIsEnforcedOnlyWhenEveryKeyPartIsKnown() {
        EntityValue parent = FieldService.workOrder("Parent");
        f.service.createEntity(parent);
        f.service.createRelatedEntity(FieldService.task(1, "first"), parent, "Tasks");
        f.service.createRelatedEntity(FieldService.task(1, "also line 1, parent key unknown"), parent, "Tasks");
        assertThat(f.query("Tasks")).hasSize(2);

        f.service.createEntity(FieldService.customer(ACME, "ACME"));
        List<String> before = f.queue();
        assertThatThrownBy(() -> f.service.createEntity(FieldService.customer(ACME, "ACME again")))
                .isInstanceOf(DataRequestException.class)
                .hasMessageContaining("already exists in 'Customers'")
                .satisfies(e -> assertThat(((DataRequestException) e).status()).isEqualTo(409));
        assertThat(f.queue()).isEqualTo(before);
        assertThat(f.query("Customers")).hasSize(1);
    }

    @Test
    void L2_readLinksWorkForLocalAndDownloadedEntities() {
        downloaded();
        EntityValue local = FieldService.workOrder("Local");
        f.service.createEntity(local);
        assertThat(f.service.loadEntity(local.readLink()).getValue("Title")).isEqualTo("Local");
        EntityValue server = f.one("WorkOrders(42)");
        assertThat(server.readLink()).isEqualTo("WorkOrders(42)");
        assertThat(f.one("Customers(" + ACME + ")").readLink()).isEqualTo("Customers(" + ACME + ")");
        assertThat(f.one("Tasks(WorkOrderId=42,LineNo=2)").getValue("Description")).isEqualTo("Replace valve");
        assertThatThrownBy(() -> f.service.loadEntity("WorkOrders(999)")).isInstanceOf(EntityNotFoundException.class)
                .hasMessageContaining("404");
    }

    @Test
    void L3_everyUpdateIsOnePatchWithOnlyTheChangedProperties() {
        downloaded();
        EntityValue wo = f.one("WorkOrders(42)");
        wo.setValue("Title", "Fix boiler now");
        f.service.updateEntity(wo);
        wo.setValue("Priority", 1);
        wo.setValue("EstimatedCost", new BigDecimal("99.90"));
        f.service.updateEntity(wo);
        assertThat(f.queue()).containsExactly(
                "PATCH WorkOrders($lid=1) {\"Title\":\"Fix boiler now\"}",
                "PATCH WorkOrders($lid=1) {\"Priority\":1,\"EstimatedCost\":99.90}");
        EntityValue now = f.one("WorkOrders(42)");
        assertThat(now.getValue("Title")).isEqualTo("Fix boiler now");
        assertThat(now.getValue("EstimatedCost")).isEqualTo(new BigDecimal("99.90"));
        assertThat(now.getValue("Status")).isEqualTo("Scheduled");
    }

    @Test
    void L4_anEmptyUpdateIsDroppedUnlessSendEmptyUpdateIsSet() {
        downloaded();
        EntityValue wo = f.one("WorkOrders(42)");
        f.service.updateEntity(wo);
        assertThat(f.queue()).isEmpty();
        f.service.updateEntity(wo, RequestOptions.defaults().sendEmptyUpdate());
        assertThat(f.queue()).containsExactly("PATCH WorkOrders($lid=1) {}");
    }

    @Test
    void L5_deletesDownloadedAndLocalEntitiesAndALocalDeleteSurvivesTheServersDelete() {
        downloaded();
        EntityValue local = FieldService.workOrder("Local");
        f.service.createEntity(local);
        f.service.deleteEntity(local);
        EntityValue task = f.one("Tasks(WorkOrderId=42,LineNo=1)");
        f.service.deleteEntity(task);
        assertThat(f.query("Tasks")).extracting(e -> e.getValue("LineNo")).containsExactly(2);
        f.serverDeleted("Tasks", "{\"WorkOrderId\":42,\"LineNo\":1}");
        assertThat(f.query("Tasks")).extracting(e -> e.getValue("LineNo")).containsExactly(2);
        assertThat(f.queue()).contains("DELETE Tasks($lid=1)");
        assertThatThrownBy(() -> f.service.loadEntity(task.readLink())).isInstanceOf(EntityNotFoundException.class);
    }

    @Test
    void L6_linksOfOneToManyZeroOrOneAndManyToMany() {
        downloaded();
        EntityValue wo = f.one("WorkOrders(42)");
        EntityValue globex = f.one("Customers(" + GLOBEX + ")");
        EntityValue part = FieldService.part("P-2", "Valve");
        f.service.createEntity(part);
        f.service.createLink(wo, "Parts", part);                       // many-to-many
        f.service.updateLink(wo, "Customer", globex);                  // 0..1
        f.service.createLink(f.one("Customers(" + ACME + ")"), "WorkOrders", FieldService.workOrder("x") == null ? null
                : f.one("WorkOrders(42)"));                            // one-to-many from the one side
        EntityValue expanded = f.one("WorkOrders(42)?$expand=Parts($orderby=PartNumber),Customer");
        assertThat(expanded.getRelatedList("Parts")).extracting(p -> p.getValue("PartNumber")).containsExactly("P-1", "P-2");
        assertThat(expanded.getRelated("Customer").getValue("Name")).isEqualTo("ACME");
        assertThat(expanded.getValue("CustomerId")).isEqualTo(ACME);
        f.service.deleteLink(wo, "Parts", f.one("Parts('P-1')"));
        f.service.deleteLink(wo, "Technician", null);
        EntityValue after = f.one("WorkOrders(42)?$expand=Parts,Technician");
        assertThat(after.getRelatedList("Parts")).extracting(p -> p.getValue("PartNumber")).containsExactly("P-2");
        assertThat(after.getRelated("Technician")).isNull();
        assertThat(after.getValue("TechnicianId")).isNull();
        assertThat(f.queue()).containsExactly(
                "POST Parts {\"PartNumber\":\"P-2\",\"Name\":\"Valve\"}",
                "POST WorkOrders($lid=1)/Parts/$ref {\"@odata.id\":\"Parts($lid=2)\"}",
                "PUT WorkOrders($lid=1)/Customer/$ref {\"@odata.id\":\"Customers($lid=2)\"}",
                "POST Customers($lid=1)/WorkOrders/$ref {\"@odata.id\":\"WorkOrders($lid=1)\"}",
                "DELETE WorkOrders($lid=1)/Parts/$ref?$id=Parts($lid=1)",
                "DELETE WorkOrders($lid=1)/Technician/$ref");
        assertThatThrownBy(() -> f.service.updateLink(wo, "Parts", part)).isInstanceOf(DataRequestException.class)
                .hasMessageContaining("updateLink replaces the target of a single-valued");
    }

    @Test
    void L7_createWithBindAndCreateRelatedEntity() {
        downloaded();
        EntityValue acme = f.one("Customers(" + ACME + ")");
        EntityValue wo = FieldService.workOrder("Bound").bindEntity("Customer", acme);
        f.service.createEntity(wo);
        f.service.createRelatedEntity(FieldService.task(3, "Check"), f.one("WorkOrders(42)"), "Tasks");
        assertThat(f.one(wo.readLink() + "?$expand=Customer").getRelated("Customer").getValue("Name")).isEqualTo("ACME");
        assertThat(f.one(wo.readLink()).getValue("CustomerId")).isEqualTo(ACME);
        EntityValue task = f.one("WorkOrders(42)/Tasks?$filter=LineNo eq 3");
        assertThat(task.getValue("WorkOrderId")).isEqualTo(42L);
        assertThat(f.queue()).containsExactly(
                "POST WorkOrders {\"Title\":\"Bound\",\"Customer@odata.bind\":\"Customers($lid=1)\"}",
                "POST WorkOrders($lid=1)/Tasks {\"LineNo\":3,\"Description\":\"Check\"}");
    }

    @Test
    void L8_deepInsertOfSingleAndCollectionValuedNavigations() {
        EntityValue wo = FieldService.workOrder("Deep")
                .setRelated("Customer", FieldService.customer(GLOBEX, "Globex"))
                .setRelatedList("Tasks", List.of(FieldService.task(1, "one"), FieldService.task(2, "two")));
        f.service.createEntity(wo);
        EntityValue read = f.one(wo.readLink() + "?$expand=Customer,Tasks($orderby=LineNo)");
        assertThat(read.getRelated("Customer").getValue("Name")).isEqualTo("Globex");
        assertThat(read.getRelatedList("Tasks")).extracting(t -> t.getValue("Description")).containsExactly("one", "two");
        assertThat(f.queue()).containsExactly("POST WorkOrders {\"Title\":\"Deep\",\"Customer\":{\"Id\":\"" + GLOBEX
                + "\",\"Name\":\"Globex\"},\"Tasks\":[{\"LineNo\":1,\"Description\":\"one\"},{\"LineNo\":2,\"Description\":\"two\"}]}");
        EntityValue task = wo.getRelatedList("Tasks").get(1);
        assertThat(task.readLink()).startsWith("Tasks($lid=");
        assertThat(f.service.loadEntity(task.readLink()).getValue("Description")).isEqualTo("two");
    }

    @Test
    void L9_aChangeSetIsOneTransactionWithContentIdsFromParentToChild() {
        EntityValue parent = FieldService.workOrder("Parent");
        EntityValue child = FieldService.task(1, "Child");
        f.service.applyChanges(new ChangeSet().createEntity(parent, "WorkOrders", RequestOptions.defaults())
                .createRelatedEntity(child, parent, "Tasks"));
        List<EntityValue> requests = f.query("RequestQueue?$orderby=RequestID");
        assertThat(requests).extracting(r -> r.getValue("ContentID")).containsExactly("1", "2");
        assertThat(requests).extracting(r -> r.getValue("ChangeSet")).containsExactly(1L, 1L);
        assertThat(f.one(parent.readLink() + "?$expand=Tasks").getRelatedList("Tasks")).hasSize(1);
    }

    @Test
    void L10_requestOptionsAreKeptWithTheRequest() {
        EntityValue wo = FieldService.workOrder("Tagged");
        f.service.createEntity(wo, RequestOptions.defaults().customTag("visit-17").transactionId("tx-1")
                .uploadCategory("urgent").unmodifiable().header("X-Site", "Lyon"));
        EntityValue r = f.one("RequestQueue");
        assertThat(r.getValue("CustomTag")).isEqualTo("visit-17");
        assertThat(r.getValue("TransactionID")).isEqualTo("tx-1");
        assertThat(r.getValue("UploadCategory")).isEqualTo("urgent");
        assertThat(r.getValue("Unmodifiable")).isEqualTo(true);
        assertThatThrownBy(() -> RequestOptions.defaults().header("Authorization", "Bearer x"))
                .hasMessageContaining("would be stored in the request queue");
    }

    @Test
    void L11_localStateAsFilterFunctionsAndAsEntityProperties() {
        downloaded();
        EntityValue wo = f.one("WorkOrders(42)");
        assertThat(wo.isLocal()).isFalse();
        assertThat(wo.hasPendingChanges()).isFalse();
        wo.setValue("Priority", 1);
        f.service.updateEntity(wo);
        f.service.createEntity(FieldService.workOrder("New one"));
        assertThat(f.query("WorkOrders?$filter=sap.islocal()&$orderby=Title")).extracting(e -> e.getValue("Title"))
                .containsExactly("Fix boiler", "New one");
        assertThat(f.query("WorkOrders?$filter=not sap.haspendingchanges()")).isEmpty();
        assertThat(f.query("Tasks?$filter=sap.haspendingchanges()")).isEmpty();
        assertThat(f.query("WorkOrders?$filter=sap.inerrorstate()")).isEmpty();
        EntityValue read = f.one("WorkOrders(42)");
        assertThat(read.isLocal()).isTrue();
        assertThat(read.hasPendingChanges()).isTrue();
        assertThat(read.isNew()).isFalse();
    }

    @Test
    void L12_undoRestoresTheServerStateExactlyAndANewEntityDisappears() {
        downloaded();
        EntityValue wo = f.one("WorkOrders(42)");
        wo.setValue("Title", "Changed");
        wo.setValue("EstimatedCost", new BigDecimal("1.00"));
        f.service.updateEntity(wo);
        f.service.updateLink(wo, "Customer", f.one("Customers(" + GLOBEX + ")"));
        f.service.deleteLink(wo, "Parts", f.one("Parts('P-1')"));
        EntityValue task = f.one("Tasks(WorkOrderId=42,LineNo=1)");
        f.service.deleteEntity(task);
        EntityValue created = FieldService.workOrder("Created");
        f.service.createEntity(created);

        f.service.undoPendingChanges(f.one("WorkOrders(42)"));
        EntityValue restored = f.one("WorkOrders(42)?$expand=Customer,Parts");
        assertThat(restored.getValue("Title")).isEqualTo("Fix boiler");
        assertThat(restored.getValue("EstimatedCost")).isEqualTo(new BigDecimal("120.50"));
        assertThat(restored.getRelated("Customer").getValue("Name")).isEqualTo("ACME");
        assertThat(restored.getRelatedList("Parts")).extracting(p -> p.getValue("PartNumber")).containsExactly("P-1");
        assertThat(restored.isLocal()).isFalse();
        assertThat(restored.hasPendingChanges()).isFalse();

        f.service.undoPendingChanges(task);
        assertThat(f.query("Tasks")).hasSize(2);
        f.service.undoPendingChanges(created);
        assertThat(f.query("WorkOrders")).extracting(e -> e.getValue("Title")).containsExactly("Fix boiler");
        assertThat(f.queue()).isEmpty();
        assertThat(f.store.isRequestQueueEmpty()).isTrue();
    }

    @Test
    void L12_undoAdjustsDeepInsertsEitherWay() {
        EntityValue customer = FieldService.customer(GLOBEX, "Globex");
        EntityValue wo = FieldService.workOrder("Order").setRelated("Customer", customer);
        f.service.createEntity(wo);
        f.service.undoPendingChanges(customer);
        assertThat(f.query("Customers")).isEmpty();
        assertThat(f.one(wo.readLink() + "?$expand=Customer").getRelated("Customer")).isNull();
        assertThat(f.queue()).containsExactly("POST WorkOrders {\"Title\":\"Order\"}");

        EntityValue customer2 = FieldService.customer(ACME, "ACME");
        EntityValue wo2 = FieldService.workOrder("Order 2").setRelated("Customer", customer2);
        f.service.createEntity(wo2);
        f.service.undoPendingChanges(wo2);
        assertThat(f.query("WorkOrders")).extracting(e -> e.getValue("Title")).containsExactly("Order");
        assertThat(f.query("Customers")).extracting(e -> e.getValue("Name")).containsExactly("ACME");
        assertThat(f.queue()).containsExactly("POST WorkOrders {\"Title\":\"Order\"}",
                "POST Customers {\"Id\":\"" + ACME + "\",\"Name\":\"ACME\"}");
    }

    @Test
    void L13_theRequestQueueIsReadOnlyAndKnowsWhenItIsEmpty() {
        assertThat(f.store.isRequestQueueEmpty()).isTrue();
        f.service.createEntity(FieldService.workOrder("A"));
        assertThat(f.store.isRequestQueueEmpty()).isFalse();
        EntityValue r = f.one("RequestQueue");
        assertThat(r.getValue("AffectedEntityReadLink")).isEqualTo("WorkOrders($lid=1)");
        r.setValue("Body", "{}");
        assertThatThrownBy(() -> f.service.updateEntity(r)).isInstanceOf(DataRequestException.class)
                .hasMessageContaining("read-only system entity set")
                .satisfies(e -> assertThat(((DataRequestException) e).status()).isEqualTo(405));
        assertThatThrownBy(() -> f.service.createEntity(new EntityValue(r.entityType()), "EventLog", RequestOptions.defaults()))
                .hasMessageContaining("read-only");
    }

    @Test
    void L14_relativesWithLocalOrPendingChangesAreComputedOnRequest() {
        downloaded();
        EntityValue task = f.one("Tasks(WorkOrderId=42,LineNo=2)");
        task.setValue("Done", true);
        f.service.updateEntity(task);
        EntityValue wo = f.service.executeQuery(DataQuery.parse("WorkOrders(42)")
                .custom(DataQuery.CUSTOM_HAS_LOCAL_RELATIVES, "Tasks,Customer")
                .custom(DataQuery.CUSTOM_HAS_RELATIVES_WITH_PENDING_CHANGES, "Customer")).entities().get(0);
        assertThat(wo.hasLocalRelatives()).isTrue();
        assertThat(wo.hasRelativesWithPendingChanges()).isFalse();
        assertThat(f.one("WorkOrders(42)").hasLocalRelatives()).isFalse();
    }

    @Test
    void L14_relativesWithPendingChangesAreTrueOnlyWhenARelatedEntityHasOne() {
        downloaded();
        DataQuery tasks = DataQuery.parse("WorkOrders(42)").custom(DataQuery.CUSTOM_HAS_RELATIVES_WITH_PENDING_CHANGES, "Tasks");
        DataQuery customer = DataQuery.parse("WorkOrders(42)")
                .custom(DataQuery.CUSTOM_HAS_RELATIVES_WITH_PENDING_CHANGES, "Customer,Technician");
        assertThat(f.service.executeQuery(tasks).entities().get(0).hasRelativesWithPendingChanges()).isFalse();

        EntityValue task = f.one("Tasks(WorkOrderId=42,LineNo=2)");
        task.setValue("Done", true);
        f.service.updateEntity(task);
        EntityValue wo = f.service.executeQuery(tasks).entities().get(0);
        assertThat(wo.hasRelativesWithPendingChanges()).isTrue();
        assertThat(wo.hasPendingChanges()).isFalse(); // the order itself is unchanged
        assertThat(f.service.executeQuery(customer).entities().get(0).hasRelativesWithPendingChanges()).isFalse();
        // the other direction: the task's work order has no pending change
        assertThat(f.service.executeQuery(DataQuery.parse("Tasks(WorkOrderId=42,LineNo=2)")
                .custom(DataQuery.CUSTOM_HAS_RELATIVES_WITH_PENDING_CHANGES, "WorkOrder")).entities().get(0)
                .hasRelativesWithPendingChanges()).isFalse();

        EntityValue acme = f.one("Customers(" + ACME + ")");
        acme.setValue("Phone", "555-0100");
        f.service.updateEntity(acme);
        assertThat(f.service.executeQuery(customer).entities().get(0).hasRelativesWithPendingChanges()).isTrue();

        f.service.undoPendingChanges(task);
        f.service.undoPendingChanges(acme);
        assertThat(f.service.executeQuery(tasks).entities().get(0).hasRelativesWithPendingChanges()).isFalse();
        assertThat(f.service.executeQuery(customer).entities().get(0).hasRelativesWithPendingChanges()).isFalse();
    }

    /** Invariant 2 / L15: a second, independent connection sees each write's row and its request at once. */
    @Test
    void L15_eachWriteIsCommittedBeforeTheCallReturns() throws Exception {
        downloaded();
        String url = "jdbc:sqlite:" + dir.resolve("store.db").toAbsolutePath();
        try (java.sql.Connection other = java.sql.DriverManager.getConnection(url)) {
            EntityValue wo = FieldService.workOrder("Committed at once");
            f.service.createEntity(wo);
            assertThat(scalar(other, "SELECT count(*) FROM \"WorkOrders\" WHERE \"Title\" = 'Committed at once'")).isEqualTo(1L);
            assertThat(scalar(other, "SELECT count(*) FROM \"$requests\" WHERE \"method\" = 'POST'"
                    + " AND \"body\" LIKE '%Committed at once%'")).isEqualTo(1L);

            EntityValue existing = f.one("WorkOrders(42)");
            existing.setValue("Title", "Updated at once");
            f.service.updateEntity(existing);
            assertThat(scalar(other, "SELECT \"Title\" FROM \"WorkOrders\" WHERE \"Id\" = 42")).isEqualTo("Updated at once");
            assertThat(scalar(other, "SELECT count(*) FROM \"$requests\" WHERE \"method\" = 'PATCH'")).isEqualTo(1L);

            f.service.deleteEntity(f.one("Tasks(WorkOrderId=42,LineNo=1)"));
            assertThat(scalar(other, "SELECT count(*) FROM \"Tasks\" WHERE \"LineNo\" = 1")).isEqualTo(0L);
            assertThat(scalar(other, "SELECT count(*) FROM \"$requests\" WHERE \"method\" = 'DELETE'")).isEqualTo(1L);

            // and nothing is left open: the other connection can take the write lock right away
            try (java.sql.Statement s = other.createStatement()) {
                s.execute("PRAGMA busy_timeout = 0");
                s.execute("BEGIN IMMEDIATE");
                s.execute("ROLLBACK");
            }
        }
    }

    private static Object scalar(java.sql.Connection c, String sql) throws java.sql.SQLException {
        try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            Object v = rs.getObject(1);
            return v instanceof Integer i ? Long.valueOf(i) : v;
        }
    }

    /**
     * Invariant 3 / L12: after undoing every local change, the entity tables, the server images and
     * the link tables hold exactly what they held before the changes (compared row by row over a
     * separate connection). Left out: the queue and archive tables, which hold the changes
     * themselves, and sqlite_sequence, because local entity IDs are never reused.
     */
    @Test
    void L12_undoRestoresEveryEntityLinkAndServerImageTableExactly() {
        downloaded();
        Path file = dir.resolve("store.db");
        java.util.Map<String, List<String>> before = restorable(file);
        assertThat(before.keySet()).contains("WorkOrders", "Tasks", "Customers", "Parts");
        assertThat(before.keySet()).anyMatch(t -> t.startsWith("$server."));
        assertThat(before.keySet()).anyMatch(t -> t.startsWith("$links."));

        EntityValue wo = f.one("WorkOrders(42)");
        wo.setValue("Title", "Changed").setValue("EstimatedCost", new BigDecimal("1.00")).setValue("DueDate",
                java.time.LocalDate.parse("2026-05-01"));
        f.service.updateEntity(wo);
        f.service.updateLink(wo, "Customer", f.one("Customers(" + GLOBEX + ")"));
        f.service.deleteLink(wo, "Parts", f.one("Parts('P-1')"));
        f.service.deleteLink(wo, "Technician", null);
        EntityValue newPart = FieldService.part("P-9", "Gasket");
        f.service.createEntity(newPart);
        f.service.createLink(wo, "Parts", newPart);
        EntityValue task = f.one("Tasks(WorkOrderId=42,LineNo=1)");
        f.service.deleteEntity(task);
        EntityValue otherTask = f.one("Tasks(WorkOrderId=42,LineNo=2)");
        otherTask.setValue("Description", "Replace both valves");
        f.service.updateEntity(otherTask);
        EntityValue created = FieldService.workOrder("Created");
        f.service.createEntity(created);
        EntityValue child = FieldService.task(9, "child of a local order");
        f.service.createRelatedEntity(child, created, "Tasks");
        EntityValue globex = f.one("Customers(" + GLOBEX + ")");
        f.service.deleteEntity(globex);
        assertThat(restorable(file)).isNotEqualTo(before);

        f.service.undoPendingChanges(f.one("WorkOrders(42)"));
        f.service.undoPendingChanges(task);
        f.service.undoPendingChanges(otherTask);
        f.service.undoPendingChanges(child); // the child first: a task cannot exist without its work order
        f.service.undoPendingChanges(created);
        f.service.undoPendingChanges(newPart);
        f.service.undoPendingChanges(globex);

        assertThat(f.queue()).isEmpty();
        java.util.Map<String, List<String>> after = restorable(file);
        for (String table : before.keySet()) {
            assertThat(after.get(table)).as(table).isEqualTo(before.get(table));
        }
        assertThat(after).isEqualTo(before);
    }

    private static java.util.Map<String, List<String>> restorable(Path file) {
        java.util.Map<String, List<String>> tables = new java.util.TreeMap<>(dev.outpost.testing.StoreFingerprint.tables(file));
        tables.keySet().removeIf(t -> t.equals("sqlite_sequence") || t.equals("$requests") || t.equals("$request_entities")
                || t.equals("$errors") || t.equals("$events"));
        return tables;
    }

    @Test
    void L15_aFailedChangeSetLeavesTheStoreAndTheQueueUnchanged() {
        downloaded();
        List<String> queueBefore = f.queue();
        List<EntityValue> before = f.query("WorkOrders");
        EntityValue ok = FieldService.workOrder("fine");
        EntityValue bad = FieldService.workOrder("x".repeat(101));
        assertThatThrownBy(() -> f.service.applyChanges(new ChangeSet().createEntity(ok, "WorkOrders", RequestOptions.defaults())
                .createEntity(bad, "WorkOrders", RequestOptions.defaults())))
                .isInstanceOf(DataRequestException.class).hasMessageContaining("exceed MaxLength 100");
        assertThat(f.queue()).isEqualTo(queueBefore);
        assertThat(f.query("WorkOrders")).hasSameSizeAs(before);
        assertThat(ok.readLink()).isNull();
    }

    @Test
    void badInputGetsAClearErrorAndChangesNothing() {
        downloaded();
        EntityValue wo = f.one("WorkOrders(42)");
        List<String> queue = f.queue();
        wo.setValue("Nope", 1);
        assertThatThrownBy(() -> f.service.updateEntity(wo)).hasMessageContaining("'WorkOrder' has no property 'Nope'");
        wo.unsetValue("Nope").setValue("Priority", "high");
        assertThatThrownBy(() -> f.service.updateEntity(wo)).hasMessageContaining("must be a Integer, not a String ('high')");
        wo.setValue("Priority", 2).setValue("Id", 43L);
        assertThatThrownBy(() -> f.service.updateEntity(wo)).hasMessageContaining("computed by the service");
        wo.unsetValue("Id").setValue("Status", "Frozen");
        assertThatThrownBy(() -> f.service.updateEntity(wo)).hasMessageContaining("'Frozen' is not a member of FieldService.WorkOrderStatus");
        wo.setValue("Status", "Done").setValue("EstimatedCost", new BigDecimal("1.234"));
        assertThatThrownBy(() -> f.service.updateEntity(wo)).hasMessageContaining("more than 2 fraction digits");
        wo.setValue("EstimatedCost", null).setValue("Title", null);
        assertThatThrownBy(() -> f.service.updateEntity(wo)).hasMessageContaining("must not be null");
        assertThatThrownBy(() -> f.service.createEntity(new EntityValue(FieldService.WORK_ORDER)))
                .hasMessageContaining("'Title' is required");
        assertThat(f.queue()).isEqualTo(queue);
        assertThat(f.one("WorkOrders(42)").getValue("Title")).isEqualTo("Fix boiler");
    }
}
