package org.tlsrpt.processor.write;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Rows in ClickHouse's RowBinary format, built in one growing array and written to the insert's request body
 * in one go. Encoding our own rows is several times cheaper than the JDBC driver's text {@code VALUES} (see
 * docs/benchmarks.md), and the server parses binary faster too. Each method writes one column value; the
 * caller writes them in the order of the insert's column list.
 */
final class RowBinary {

    private byte[] buffer;
    private int size;
    private int rows;

    RowBinary(int initialCapacity) {
        buffer = new byte[Math.max(64, initialCapacity)];
    }

    /** Marks the end of one row (counted for {@link #rows()}). */
    void endRow() {
        rows++;
    }

    int rows() {
        return rows;
    }

    int size() {
        return size;
    }

    /** Rows already in RowBinary (read back from ClickHouse in the same column order), {@code count} of them. */
    void raw(byte[] rowBytes, int count) {
        ensure(rowBytes.length);
        System.arraycopy(rowBytes, 0, buffer, size, rowBytes.length);
        size += rowBytes.length;
        rows += count;
    }

    /** Appends every row of {@code other}. */
    void raw(RowBinary other) {
        raw(Arrays.copyOf(other.buffer, other.size), other.rows);
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(buffer, 0, size);
    }

    /** String and LowCardinality(String): LEB128 length, UTF-8 bytes. */
    void string(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        bytes(bytes);
    }

    void bytes(byte[] value) {
        varUInt(value.length);
        ensure(value.length);
        System.arraycopy(value, 0, buffer, size, value.length);
        size += value.length;
    }

    /** FixedString(n) holding ASCII (hex keys and hashes, validated by the caller to be exactly n characters). */
    void fixedAscii(String value, int length) {
        if (value.length() != length) {
            throw new IllegalArgumentException("expected " + length + " characters, got " + value.length());
        }
        ensure(length);
        for (int i = 0; i < length; i++) {
            buffer[size++] = (byte) value.charAt(i);
        }
    }

    /** Nullable(String): a null flag byte, then the string when present. */
    void nullableString(String value) {
        if (value == null) {
            uint8(1);
        } else {
            uint8(0);
            string(value);
        }
    }

    void bool(boolean value) {
        uint8(value ? 1 : 0);
    }

    /** Int8: one byte, two's complement. */
    void int8(int value) {
        uint8(value);
    }

    void uint8(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
    }

    void uint16(int value) {
        littleEndian(value, 2);
    }

    void uint32(long value) {
        littleEndian(value, 4);
    }

    void uint64(long value) {
        littleEndian(value, 8);
    }

    /** Date: days since 1970-01-01 as UInt16. */
    void date(LocalDate day) {
        uint16((int) day.toEpochDay());
    }

    /** DateTime: seconds since the epoch as UInt32. */
    void dateTime(Instant instant) {
        uint32(instant.getEpochSecond());
    }

    /** DateTime64(3): milliseconds since the epoch as Int64. */
    void dateTime64Millis(Instant instant) {
        uint64(instant.toEpochMilli());
    }

    /** Array(String) and Array(LowCardinality(String)). */
    void strings(List<String> values) {
        varUInt(values.size());
        for (String value : values) {
            string(value);
        }
    }

    /** Map(String, String) and Map(LowCardinality(String), String). */
    void stringMap(Map<String, String> values) {
        varUInt(values.size());
        for (Map.Entry<String, String> entry : values.entrySet()) {
            string(entry.getKey());
            string(entry.getValue());
        }
    }

    private void varUInt(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buffer[size++] = (byte) value;
    }

    private void littleEndian(long value, int bytes) {
        ensure(bytes);
        for (int i = 0; i < bytes; i++) {
            buffer[size++] = (byte) (value >>> (8 * i));
        }
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
