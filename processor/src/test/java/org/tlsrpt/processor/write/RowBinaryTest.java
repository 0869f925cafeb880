package org.tlsrpt.processor.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The byte layout ClickHouse documents for RowBinary; the ITs check the same rows arrive intact in tables. */
class RowBinaryTest {

    private static byte[] bytes(RowBinary rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        rows.writeTo(out);
        return out.toByteArray();
    }

    private static byte[] of(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void stringsAreLeb128LengthThenUtf8() throws Exception {
        RowBinary rows = new RowBinary(0);
        rows.string("é");
        rows.string("a".repeat(300));
        byte[] out = bytes(rows);
        assertThat(out).startsWith(of(2, 0xC3, 0xA9, 0xAC, 0x02, 'a'));
        assertThat(out).hasSize(3 + 2 + 300);
    }

    @Test
    void integersAreLittleEndian() throws Exception {
        RowBinary rows = new RowBinary(0);
        rows.uint16(0x0102);
        rows.uint32(0x01020304L);
        rows.uint64(-1L);
        assertThat(bytes(rows)).containsExactly(of(2, 1, 4, 3, 2, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF));
    }

    @Test
    void datesAndTimesCountFromTheEpoch() throws Exception {
        RowBinary rows = new RowBinary(0);
        rows.date(LocalDate.of(1970, 1, 3));
        rows.dateTime(Instant.ofEpochSecond(258));
        rows.dateTime64Millis(Instant.ofEpochMilli(1));
        assertThat(bytes(rows)).containsExactly(of(2, 0, 2, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void nullableArraysAndMapsCarryTheirMarkers() throws Exception {
        RowBinary rows = new RowBinary(0);
        rows.nullableString(null);
        rows.nullableString("x");
        rows.bool(true);
        rows.strings(List.of("a", "b"));
        rows.stringMap(Map.of("k", "v"));
        rows.fixedAscii("ab", 2);
        rows.endRow();
        assertThat(bytes(rows)).containsExactly(of(1, 0, 1, 'x', 1, 2, 1, 'a', 1, 'b', 1, 1, 'k', 1, 'v', 'a', 'b'));
        assertThat(rows.rows()).isEqualTo(1);
    }

    @Test
    void aFixedStringOfTheWrongLengthIsRefused() {
        assertThatThrownBy(() -> new RowBinary(0).fixedAscii("abc", 32)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void growsBeyondItsInitialCapacity() throws Exception {
        RowBinary rows = new RowBinary(1);
        for (int i = 0; i < 10_000; i++) {
            rows.uint64(i);
        }
        assertThat(bytes(rows)).hasSize(80_000);
    }
}
