package org.tlsrpt.processor.write;

import java.sql.Connection;
import java.sql.PreparedStatement;
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

    private static final String COLUMNS = "sha256, reason_code, reason_path, reason_message, channel, received_at, "
            + "origin, coordinates, media_type, source_topic, source_partition, source_offset, bytes";

    static void insert(Connection connection, String token, List<QuarantineRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(Rows.insert("quarantine", COLUMNS, token))) {
            for (QuarantineRow row : rows) {
                insert.setString(1, row.sha256);
                insert.setString(2, row.reasonCode);
                insert.setString(3, row.reasonPath);
                insert.setString(4, row.reasonMessage);
                insert.setString(5, row.channel);
                insert.setObject(6, Rows.utc(row.receivedAt));
                Rows.nullableString(insert, 7, row.origin);
                insert.setObject(8, row.coordinates);
                Rows.nullableString(insert, 9, row.mediaType);
                insert.setString(10, row.sourceTopic);
                insert.setInt(11, row.sourcePartition);
                insert.setLong(12, row.sourceOffset);
                insert.setBytes(13, row.bytes);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
