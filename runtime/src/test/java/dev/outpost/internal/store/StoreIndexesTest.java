package dev.outpost.internal.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.EntityValue;
import dev.outpost.query.DataQuery;
import dev.outpost.spi.ValueFactory;
import dev.outpost.testing.FieldService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4 §1, "indexes on keys and foreign keys": they exist in the file, and the SQL the store
 * really runs for a key lookup, a navigation path and a navigation filter uses them instead of
 * scanning the entity table. The SQL is taken from the store's own statement cache after each
 * query and explained over a second connection.
 */
class StoreIndexesTest {

    private static final String ACME = "11111111-2222-3333-4444-555555555555";

    @TempDir
    Path dir;
    private Path file;
    private LocalStore local;
    private Database db;

    @BeforeEach
    void open() throws Exception {
        file = dir.resolve("indexes.db");
        local = LocalStore.open(file, FieldService.model(), false, 2);
        java.lang.reflect.Field field = LocalStore.class.getDeclaredField("db");
        field.setAccessible(true);
        db = (Database) field.get(local);
        List<ObjectNode> orders = new ArrayList<>();
        List<ObjectNode> tasks = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            orders.add(json("{\"Id\":" + i + ",\"Title\":\"t" + i + "\"" + (i % 5 == 0 ? ",\"CustomerId\":\"" + ACME + "\"" : "")
                    + (i % 2 == 0 ? ",\"TechnicianId\":7" : "") + "}"));
            tasks.add(json("{\"WorkOrderId\":" + i + ",\"LineNo\":1,\"Description\":\"d" + i + "\"}"));
        }
        local.publishServerState("Customers", List.of(json("{\"Id\":\"" + ACME + "\",\"Name\":\"ACME\"}")), List.of());
        local.publishServerState("Technicians", List.of(json("{\"Id\":7,\"Name\":\"Ada\"}")), List.of());
        local.publishServerState("WorkOrders", orders, List.of());
        local.publishServerState("Tasks", tasks, List.of());
    }

    @AfterEach
    void close() {
        local.close();
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) ValueCodec.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Each index of a table: its columns (in order) → whether it is unique. */
    private Map<List<String>, Boolean> indexes(Connection c, String table) throws SQLException {
        Map<List<String>, Boolean> out = new HashMap<>();
        List<String[]> list = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("SELECT name, \"unique\" FROM pragma_index_list(?)")) {
            p.setString(1, table);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    list.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        for (String[] index : list) {
            List<String> columns = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT name FROM pragma_index_info(?) ORDER BY seqno")) {
                p.setString(1, index[0]);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        columns.add(rs.getString(1));
                    }
                }
            }
            out.put(columns, "1".equals(index[1]));
        }
        return out;
    }

    @Test
    void keysForeignKeysReferencesAndLinkTargetsAreIndexed() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            assertThat(indexes(c, "WorkOrders")).containsEntry(List.of("Id"), true)
                    .containsEntry(List.of("CustomerId"), false).containsEntry(List.of("TechnicianId"), false)
                    .containsEntry(List.of("Customer$lid"), false).containsEntry(List.of("Technician$lid"), false);
            assertThat(indexes(c, "Tasks")).containsEntry(List.of("WorkOrderId", "LineNo"), true)
                    .containsEntry(List.of("WorkOrder$lid"), false);
            assertThat(indexes(c, "Customers")).containsEntry(List.of("Id"), true);
            assertThat(indexes(c, "Technicians")).containsEntry(List.of("Id"), true);
            assertThat(indexes(c, "Parts")).containsEntry(List.of("PartNumber"), true);
            List<String> links = new ArrayList<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '$links.%'")) {
                while (rs.next()) {
                    links.add(rs.getString(1));
                }
            }
            assertThat(links).isNotEmpty();
            for (String link : links) {
                // the primary key (source, target) serves lookups by source; lookups by target need their own
                assertThat(indexes(c, link)).as(link).containsKey(List.of("target$lid"));
            }
        }
    }

    /** The store's SQL for a query with its plan lines, per statement. */
    private Map<String, List<String>> plans(String url, int expectedResults) throws Exception {
        db.clearStatements();
        List<EntityValue> result = local.executeQuery(DataQuery.parse(url), ValueFactory.DYNAMIC).entities();
        assertThat(result).as(url).hasSize(expectedResults);
        java.lang.reflect.Field field = Database.class.getDeclaredField("statements");
        field.setAccessible(true);
        List<String> statements = new ArrayList<>(((Map<String, ?>) field.get(db)).keySet());
        Map<String, List<String>> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            for (String sql : statements) {
                if (!sql.startsWith("SELECT") || !sql.matches("(?s).*\"(WorkOrders|Tasks|Customers)\".*")) {
                    continue; // the request queue's count and other system reads are not entity-table lookups
                }
                List<String> lines = new ArrayList<>();
                try (PreparedStatement p = c.prepareStatement("EXPLAIN QUERY PLAN " + sql); ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        lines.add(rs.getString(4));
                    }
                }
                out.put(sql, lines);
            }
        }
        assertThat(out).as("entity-table SQL run for " + url).isNotEmpty();
        return out;
    }

    private void assertIndexed(String url, int expectedResults, String... indexesUsed) throws Exception {
        Map<String, List<String>> plans = plans(url, expectedResults);
        List<String> all = plans.values().stream().flatMap(List::stream).toList();
        assertThat(all).as(url + " " + plans).noneMatch(line -> line.startsWith("SCAN"));
        for (String index : indexesUsed) {
            assertThat(all).as(url + " " + plans).anyMatch(line -> line.contains("INDEX " + index + " "));
        }
    }

    @Test
    void keyLookupsNavigationPathsAndNavigationFiltersUseTheIndexes() throws Exception {
        assertIndexed("WorkOrders(42)", 1, "$key.WorkOrders");
        assertIndexed("Tasks(WorkOrderId=42,LineNo=1)", 1, "$key.Tasks");
        assertIndexed("Customers(" + ACME + ")", 1, "$key.Customers");
        assertIndexed("WorkOrders(42)/Tasks", 1, "$key.WorkOrders", "$ref.Tasks.WorkOrder");
        assertIndexed("Customers(" + ACME + ")/WorkOrders", 10, "$key.Customers", "$ref.WorkOrders.Customer");
        assertIndexed("WorkOrders?$filter=CustomerId eq " + ACME, 10, "$fk.WorkOrders.Customer");
        assertIndexed("Tasks?$filter=WorkOrderId eq 42", 1);
        // a filter on a navigation path: start from the related entity's key, then follow the reference index
        assertIndexed("WorkOrders?$filter=Customer/Id eq " + ACME, 10, "$key.Customers", "$ref.WorkOrders.Customer");
        assertIndexed("Tasks?$filter=WorkOrder/Id eq 42", 1, "$key.WorkOrders", "$ref.Tasks.WorkOrder");
        assertIndexed("WorkOrders?$filter=Technician/Id eq 7", 25, "$key.Technicians", "$ref.WorkOrders.Technician");
        assertIndexed("WorkOrders(42)?$expand=Tasks,Customer", 1, "$key.WorkOrders", "$ref.Tasks.WorkOrder");
    }

    @Test
    void aNegatedNavigationFilterKeepsItsMeaning() {
        // the '=' form must still be false (not NULL) for a missing relative, so NOT finds those rows
        assertThat(local.executeQuery(DataQuery.parse("WorkOrders?$filter=not (Customer/Id eq " + ACME + ")"),
                ValueFactory.DYNAMIC).entities()).hasSize(40);
        assertThat(local.executeQuery(DataQuery.parse("WorkOrders?$filter=not (CustomerId eq " + ACME + ")"),
                ValueFactory.DYNAMIC).entities()).hasSize(40);
    }
}
