package org.tlsrpt.processor.write;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One row of the {@code quarantine} table: bytes that could not be counted, why, and where they came from. */
record QuarantineRow(
        String sha256,
        String reasonCode,
        String reasonPath,
        String reasonMessage,
        String channel,
        Instant receivedAt,
        String origin,
        Map<String, String> coordinates,
        String mediaType,
        String sourceTopic,
        int sourcePartition,
        long sourceOffset,
        byte[] bytes) {

    private static final List<String> COLUMNS = List.of("sha256", "reason_code", "reason_path", "reason_message",
            "channel", "received_at", "origin", "coordinates", "media_type", "source_topic", "source_partition",
            "source_offset", "bytes");

    static void insert(BulkInsert database, String token, List<QuarantineRow> rows) throws SQLException {
        RowBinary binary = new RowBinary(rows.size() * 1024);
        for (QuarantineRow row : rows) {
            binary.fixedAscii(row.sha256, 64);
            binary.string(row.reasonCode);
            binary.string(row.reasonPath);
            binary.string(row.reasonMessage);
            binary.string(row.channel);
            binary.dateTime64Millis(row.receivedAt);
            binary.nullableString(row.origin);
            binary.stringMap(row.coordinates);
            binary.nullableString(row.mediaType);
            binary.string(row.sourceTopic);
            binary.uint32(row.sourcePartition);
            binary.uint64(row.sourceOffset);
            binary.bytes(row.bytes);
            binary.endRow();
        }
        database.insert("quarantine", COLUMNS, token, binary);
    }
}
