package dev.outpost;

import dev.outpost.model.MetadataSource;
import dev.outpost.model.QualifiedName;
import dev.outpost.model.ServiceModel;
import dev.outpost.query.DataQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 4 §1, "types keep their value exactly": every awkward primitive written through the
 * DataService comes back identical, both from the open store and after the file is reopened,
 * and each value used as a filter literal finds its row (and only its row).
 */
class ValueRoundTripTest {

    static final ServiceModel MODEL = ServiceModel.read(MetadataSource.classpath("values/metadata.xml"));
    static final QualifiedName READING = new QualifiedName("Values", "Reading");

    /** Above 2^53: a double cannot hold it, so any detour through floating point shows. */
    static final long BIG = 9_007_199_254_740_993L;
    /** A non-UTC offset with seven fraction digits (the model's Precision="7"). */
    static final OffsetDateTime STAMP = OffsetDateTime.parse("2026-03-01T10:15:30.1234567+05:30");
    static final Duration SPAN = Duration.parse("P1DT2H3M4.1234567S");
    static final UUID REF = UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
    static final byte[] BLOB = {0, 1, (byte) 0xfe, (byte) 0xff, 0x3e, 0x3f, 0, 127, -128};
    static final BigDecimal AMOUNT = new BigDecimal("12.3400");
    static final BigDecimal EXACT = new BigDecimal("0.10000000000000000000000000001");
    static final LocalDate DAY = LocalDate.parse("2026-02-28");

    @TempDir
    Path dir;

    OfflineStore open() {
        return OfflineStore.open(StoreOptions.of(dir.resolve("values.db"), MODEL));
    }

    static EntityValue reading(long id) {
        return new EntityValue(READING).setValue("Id", id);
    }

    private static void assertExact(EntityValue e) {
        assertThat(e.getValue("Big")).isEqualTo(BIG);
        OffsetDateTime stamp = (OffsetDateTime) e.getValue("Stamp");
        assertThat(stamp).isEqualTo(STAMP); // equals, not isEqualTo-instant: same local time, same offset
        assertThat(stamp.getOffset().getTotalSeconds()).isEqualTo(5 * 3600 + 30 * 60);
        assertThat(stamp.getNano()).isEqualTo(123_456_700);
        assertThat(e.getValue("Span")).isEqualTo(SPAN);
        assertThat(e.getValue("Ref")).isEqualTo(REF);
        assertThat((byte[]) e.getValue("Blob")).containsExactly(BLOB);
        BigDecimal amount = (BigDecimal) e.getValue("Amount");
        assertThat(amount.toPlainString()).isEqualTo("12.3400"); // trailing zeros kept, scale 4
        assertThat(((BigDecimal) e.getValue("Exact")).toPlainString()).isEqualTo(EXACT.toPlainString());
        assertThat(e.getValue("Day")).isEqualTo(DAY);
        assertThat(e.getValue("Level")).isEqualTo("High");
        assertThat(e.getValue("Access")).isEqualTo("Read,Delete");
    }

    private static EntityValue full(long id) {
        return reading(id).setValue("Big", BIG).setValue("Stamp", STAMP).setValue("Span", SPAN).setValue("Ref", REF)
                .setValue("Blob", BLOB).setValue("Amount", AMOUNT).setValue("Exact", EXACT).setValue("Day", DAY)
                .setValue("Level", "High").setValue("Access", "Read,Delete");
    }

    /** Neighbours that differ from {@link #full} by the smallest step each type allows. */
    private static EntityValue neighbour(long id) {
        return reading(id).setValue("Big", BIG - 1).setValue("Stamp", STAMP.plusNanos(100))
                .setValue("Span", SPAN.plusNanos(100)).setValue("Ref", UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f1"))
                .setValue("Blob", new byte[] {0, 1, (byte) 0xfe}).setValue("Amount", new BigDecimal("12.3401"))
                .setValue("Exact", new BigDecimal("0.1")).setValue("Day", DAY.plusDays(1)).setValue("Level", "Low")
                .setValue("Access", "Read");
    }

    @Test
    void everyTypeKeepsItsExactValueThroughTheStoreAndAfterReopening() {
        try (OfflineStore store = open()) {
            DataService service = new DataService(store);
            EntityValue written = full(1);
            service.createEntity(written);
            service.createEntity(neighbour(2));
            assertExact(service.loadEntity(written.readLink()));
            assertExact(service.loadEntity("Readings(1)"));
            // the queued POST carries the exact JSON forms too
            String body = (String) service.executeQuery(DataQuery.parse("RequestQueue?$orderby=RequestID&$top=1"))
                    .entities().get(0).getValue("Body");
            assertThat(body).contains("\"Big\":9007199254740993", "\"Stamp\":\"2026-03-01T10:15:30.1234567+05:30\"",
                    "\"Span\":\"P1DT2H3M4.1234567S\"", "\"Amount\":12.3400", "\"Day\":\"2026-02-28\"",
                    "\"Level\":\"High\"", "\"Access\":\"Read,Delete\"", "\"Ref\":\"" + REF + "\"");
        }
        try (OfflineStore reopened = open()) {
            assertExact(new DataService(reopened).loadEntity("Readings(1)"));
        }
    }

    @Test
    void anUpdateKeepsExactValuesToo() {
        try (OfflineStore store = open()) {
            DataService service = new DataService(store);
            EntityValue e = reading(1);
            service.createEntity(e);
            EntityValue loaded = service.loadEntity("Readings(1)");
            EntityValue source = full(1);
            for (String p : List.of("Big", "Stamp", "Span", "Ref", "Blob", "Amount", "Exact", "Day", "Level", "Access")) {
                loaded.setValue(p, source.getValue(p));
            }
            service.updateEntity(loaded);
            assertExact(service.loadEntity("Readings(1)"));
        }
        try (OfflineStore reopened = open()) {
            assertExact(new DataService(reopened).loadEntity("Readings(1)"));
        }
    }

    @Test
    void eachValueAsAFilterLiteralFindsExactlyItsRow() {
        try (OfflineStore store = open()) {
            DataService service = new DataService(store);
            service.createEntity(full(1));
            service.createEntity(neighbour(2));
            service.createEntity(reading(3));
            for (String filter : List.of(
                    "Big eq 9007199254740993",
                    "Stamp eq 2026-03-01T10:15:30.1234567+05:30",
                    "Stamp eq 2026-03-01T04:45:30.1234567Z", // the same instant in UTC
                    "Span eq duration'P1DT2H3M4.1234567S'",
                    "Ref eq 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
                    "Blob eq binary'AAH-_z4_AH-A'",
                    "Amount eq 12.34",
                    "Amount eq 12.3400",
                    "Exact eq 0.10000000000000000000000000001",
                    "Day eq 2026-02-28",
                    "Level eq Values.Level'High'",
                    "Access eq Values.Access'Read,Delete'",
                    "Access has Values.Access'Delete'")) {
                List<EntityValue> found = service.executeQuery(DataQuery.parse("Readings?$filter=" + filter)).entities();
                assertThat(found).as(filter).extracting(r -> r.getValue("Id")).containsExactly(1L);
            }
            assertThat(service.executeQuery(DataQuery.parse("Readings?$filter=Big gt 9007199254740992")).entities())
                    .extracting(r -> r.getValue("Id")).containsExactly(1L);
            assertThat(service.executeQuery(DataQuery.parse("Readings?$filter=Access has Values.Access'Read'&$orderby=Id"))
                    .entities()).extracting(r -> r.getValue("Id")).containsExactly(1L, 2L);
        }
    }

    @Test
    void moreFractionDigitsThanTheModelsPrecisionAreRefusedNotStored() {
        try (OfflineStore store = open()) {
            DataService service = new DataService(store);
            assertThatThrownBy(() -> service.createEntity(reading(1).setValue("Coarse", STAMP)))
                    .isInstanceOf(DataRequestException.class)
                    .hasMessageContaining("Precision 3 of 'Coarse'");
            assertThat(service.executeQuery(DataQuery.parse("Readings")).entities()).isEmpty();
            assertThat(store.isRequestQueueEmpty()).isTrue();
            OffsetDateTime millis = OffsetDateTime.parse("2026-03-01T10:15:30.120+05:30");
            service.createEntity(reading(1).setValue("Coarse", millis));
            assertThat(service.loadEntity("Readings(1)").getValue("Coarse")).isEqualTo(millis);
        }
    }
}
