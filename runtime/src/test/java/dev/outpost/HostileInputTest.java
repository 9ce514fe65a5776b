package dev.outpost;

import dev.outpost.internal.url.UrlEncoding;
import dev.outpost.query.BooleanExpression;
import dev.outpost.query.DataQuery;
import dev.outpost.testing.FieldService;
import dev.outpost.testing.Fs.Customer;
import dev.outpost.testing.Fs.Task;
import dev.outpost.testing.Fs.WorkOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Q1 and R3: hostile strings in every filter position are values, never SQL: queries give the
 * right answer or a clean 400, and the store file is byte-for-byte the same afterwards.
 */
class HostileInputTest {

    static final List<String> HOSTILE = List.of(
            "'", "''", "' OR 1=1 --", "x'); DROP TABLE \"WorkOrders\"; --", "/* comment */ 1", ";", "\u0000",
            "NUL\u0000inside", "😀 Zürich ✓", "%27 %00 %", "\\", "$lid", "?", ":1 @p", "\"quoted\"",
            "a".repeat(100_000), "Title eq 'x'", "\n\r\t", "[]{}()|*+.^$");

    @TempDir
    Path dir;
    private StoreFixture f;

    @BeforeEach
    void open() {
        f = new StoreFixture(dir);
        f.serverHas("Customers", "{\"Id\":\"" + new java.util.UUID(1, 1) + "\",\"Name\":\"ACME\"}");
        f.serverHas("WorkOrders", "{\"Id\":1,\"Title\":\"plain\",\"CustomerId\":\"" + new java.util.UUID(1, 1) + "\"}");
        f.serverHas("Tasks", "{\"WorkOrderId\":1,\"LineNo\":1,\"Description\":\"d\"}");
    }

    @AfterEach
    void close() {
        f.close();
    }

    private static List<Function<String, BooleanExpression>> positions() {
        return List.of(
                v -> WorkOrder.TITLE.eq(v),
                v -> WorkOrder.TITLE.ne(v),
                v -> WorkOrder.TITLE.contains(v),
                v -> WorkOrder.TITLE.startsWith(v),
                v -> WorkOrder.TITLE.endsWith(v),
                v -> WorkOrder.TITLE.in(v, "plain"),
                v -> WorkOrder.TITLE.concat(v).eq(v),
                v -> WorkOrder.TITLE.indexOf(v).ge(0),
                v -> WorkOrder.TITLE.toLower().eq(v),
                v -> WorkOrder.TITLE.lt(v),
                v -> WorkOrder.TASKS.any(t -> t.path(Task.DESCRIPTION).eq(v)),
                v -> WorkOrder.CUSTOMER.path(Customer.NAME).eq(v));
    }

    @Test
    void hostileStringsInEveryFilterPositionAreOnlyValues() throws Exception {
        String before = fingerprint();
        for (String v : HOSTILE) {
            for (Function<String, BooleanExpression> position : positions()) {
                DataQuery dsl = DataQuery.from("WorkOrders").filter(position.apply(v));
                List<EntityValue> viaDsl = f.service.executeQuery(dsl).entities();
                List<EntityValue> viaUrl = f.service.executeQuery(DataQuery.parse(dsl.toUrl())).entities();
                assertThat(viaUrl).extracting(EntityValue::readLink).isEqualTo(viaDsl.stream().map(EntityValue::readLink).toList());
            }
            assertThat(f.query("WorkOrders?$filter=Title eq " + UrlEncoding.queryValue("'" + v.replace("'", "''") + "'"))).isEmpty();
            assertThat(f.service.executeQuery(DataQuery.from("WorkOrders").filter(WorkOrder.TITLE.ne(v))).entities()).hasSize(1);
        }
        assertThat(fingerprint()).isEqualTo(before);
        assertThat(f.store.integrityCheck()).isEqualTo("ok");
    }

    @Test
    void hostileTextInUrlsGivesACleanErrorAndChangesNothing() throws Exception {
        String before = fingerprint();
        List<String> urls = new ArrayList<>();
        for (String v : HOSTILE) {
            String enc = UrlEncoding.queryValue(v);
            urls.add("WorkOrders?$filter=" + enc);
            urls.add("WorkOrders?$orderby=" + enc);
            urls.add("WorkOrders?$select=" + enc);
            urls.add("WorkOrders?$expand=" + enc);
            urls.add("WorkOrders?$top=" + enc);
            urls.add("WorkOrders(" + UrlEncoding.pathSegment("'" + v.replace("'", "''") + "'") + ")");
            urls.add(UrlEncoding.pathSegment(v) + "?$top=1");
            urls.add("WorkOrders?$filter=Title eq " + enc);
            urls.add("WorkOrders?$filter=matchesPattern(Title," + UrlEncoding.queryValue("'" + v.replace("'", "''") + "'") + ")");
            urls.add("WorkOrders?custom=" + enc);
        }
        for (String url : urls) {
            Throwable t = catchThrowable(() -> f.query(url));
            if (t != null) {
                assertThat(t).as(url.length() > 200 ? url.substring(0, 200) : url).isInstanceOf(DataRequestException.class);
                assertThat(((DataRequestException) t).status()).isIn(400, 404);
            }
        }
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void hostileStringsAreStoredAndReadBackExactly() {
        for (String v : HOSTILE) {
            if (v.length() > 100) {
                continue; // Title has MaxLength 100; the long string goes to Description below
            }
            EntityValue wo = FieldService.workOrder(v).setValue("Description", "x".repeat(2000));
            f.service.createEntity(wo);
            EntityValue read = f.service.loadEntity(wo.readLink());
            assertThat(read.getValue("Title")).isEqualTo(v);
            assertThat(f.service.executeQuery(DataQuery.from("WorkOrders").filter(WorkOrder.TITLE.eq(v))).entities())
                    .extracting(EntityValue::readLink).contains(wo.readLink());
        }
    }

    /** A hash of every table's rows, read over a separate connection to the same file. */
    private String fingerprint() throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + f.store.file().toAbsolutePath());
             Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                digest.update(table.getBytes(StandardCharsets.UTF_8));
                try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + table.replace("\"", "\"\"") + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            digest.update(String.valueOf(rs.getObject(i)).getBytes(StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
