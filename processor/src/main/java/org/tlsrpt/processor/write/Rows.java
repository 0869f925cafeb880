package org.tlsrpt.processor.write;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Small helpers to bind values the way the ClickHouse JDBC driver expects them. */
final class Rows {

    private Rows() {
    }

    /** DateTime and DateTime64 columns declared in UTC take the UTC wall-clock time. */
    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static void nullableString(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, java.sql.Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** {@code INSERT INTO table (columns) SETTINGS <dedup token> VALUES (?, ...)}. */
    static String insert(String table, String columns, String token) {
        int count = columns.split(",").length;
        StringBuilder sql = new StringBuilder(128).append("INSERT INTO ").append(table).append(" (").append(columns)
                .append(") SETTINGS async_insert = 0, insert_deduplicate = 1, ")
                .append("deduplicate_blocks_in_dependent_materialized_views = 1, insert_deduplication_token = '")
                .append(token.replace("\\", "\\\\").replace("'", "\\'")).append("' VALUES (");
        for (int i = 0; i < count; i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        return sql.append(')').toString();
    }
}
