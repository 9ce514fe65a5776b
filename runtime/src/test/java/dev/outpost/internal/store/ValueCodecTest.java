package dev.outpost.internal.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-written date paths agree with java.time, and the statement cache stays bounded. */
class ValueCodecTest {

    @Test
    void instantTextIsFixedWidthUtcForEveryYear() {
        DateTimeFormatter utc = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'");
        for (int year : new int[] {1, 999, 1970, 2026, 9999}) {
            for (ZoneOffset offset : new ZoneOffset[] {ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(5, 30), ZoneOffset.ofHours(-11)}) {
                OffsetDateTime t = OffsetDateTime.of(year, 3, 1, 2, 6, 7, 8, offset);
                assertThat(ValueCodec.instantText(t)).isEqualTo(utc.format(t.withOffsetSameInstant(ZoneOffset.UTC)))
                        .hasSize(30);
            }
        }
    }

    @Test
    void datesParseLikeJavaTimeAndRefuseWhatItRefuses() {
        for (String text : new String[] {"2026-01-01", "0001-12-31", "2024-02-29", "+12345-01-01", "-0044-03-15"}) {
            assertThat(ValueCodec.date(text)).isEqualTo(LocalDate.parse(text));
        }
        for (String text : new String[] {"2026-02-30", "2026-13-01", "2026-1-01", "2026/01/01", "20260101xx", "2026-00-10"}) {
            assertThatThrownBy(() -> ValueCodec.date(text)).isInstanceOf(DateTimeParseException.class);
        }
    }

    @Test
    void theStatementCacheClosesTheLeastRecentlyUsedBeyondItsBound() throws Exception {
        Path dir = Files.createTempDirectory("outpost-statements");
        try (Database db = Database.open(dir.resolve("s.db"), false, 2)) {
            var first = db.read(c -> db.prepare("SELECT 0"));
            db.read(c -> {
                for (int i = 1; i <= Database.STATEMENTS + 10; i++) {
                    try (ResultSet rs = db.prepare("SELECT " + i).executeQuery()) {
                        rs.next();
                        assertThat(rs.getInt(1)).isEqualTo(i);
                    }
                }
                return null;
            });
            assertThat(first.isClosed()).isTrue();
            var again = db.read(c -> db.prepare("SELECT 0"));
            assertThat(again).isNotSameAs(first);
            assertThat(again.isClosed()).isFalse();
        }
    }

    @Test
    void dateTimeOffsetsParseLikeJavaTimeAndRefuseWhatItRefuses() {
        for (String text : new String[] {"2026-01-01T00:00:00Z", "2026-01-01T10:15:30.123+02:00", "1999-12-31T23:59:59.999999999-11:30",
                "2026-06-01T12:00:00.5Z", "2026-06-01T12:00Z", "+12026-06-01T12:00:00Z", "2026-06-01T12:00:00+05:45"}) {
            assertThat(ValueCodec.dateTimeOffset(text)).as(text).isEqualTo(java.time.OffsetDateTime.parse(text));
        }
        for (String text : new String[] {"2026-02-30T00:00:00Z", "2026-01-01T24:00:00Z",
                "2026-01-01T10:15:30.1234567890Z", "2026-01-01T10:15:30+19:00", "2026-01-01T10:15:30", "2026-01-01 10:15:30Z"}) {
            assertThatThrownBy(() -> ValueCodec.dateTimeOffset(text)).as(text).isInstanceOf(DateTimeParseException.class);
        }
    }
}
