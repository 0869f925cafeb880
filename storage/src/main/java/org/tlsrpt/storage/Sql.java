package org.tlsrpt.storage;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Binding and reading values the way the ClickHouse JDBC driver expects them: the one copy the query API, the alert
 * stores and the token store share.
 */
public final class Sql {

    private Sql() {
    }

    /** DateTime64 columns declared in UTC take the UTC wall-clock time. */
    public static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** A DateTime/DateTime64 column declared in UTC; null stays null. */
    public static Instant instant(ResultSet rows, String column) throws SQLException {
        Object value = rows.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDateTime local) {
            return local.toInstant(ZoneOffset.UTC);
        }
        if (value instanceof java.time.ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new SQLException("unexpected type for " + column + ": " + value.getClass());
    }

    /** An Array(String) column as an unmodifiable list; NULL reads as empty. */
    public static List<String> strings(ResultSet rows, String column) throws SQLException {
        Object value = rows.getObject(column);
        if (value instanceof Array array) {
            value = array.getArray();
        }
        List<String> strings = new ArrayList<>();
        if (value instanceof Object[] items) {
            for (Object item : items) {
                strings.add(String.valueOf(item));
            }
        } else if (value instanceof Collection<?> items) {
            for (Object item : items) {
                strings.add(String.valueOf(item));
            }
        } else if (value != null) {
            throw new SQLException("unexpected type for " + column + ": " + value.getClass());
        }
        return List.copyOf(strings);
    }

    public static void nullableString(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, java.sql.Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /** {@code ?, ?, ?}: one placeholder per value, for {@code IN (…)} lists that are still bound parameters. */
    public static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    /**
     * Binary String columns come as base64 text ({@code base64Encode(col)}): the driver reads String columns as
     * Java text and would replace bytes that are not UTF-8.
     */
    public static byte[] bytes(ResultSet rows, String base64Column) throws SQLException {
        return java.util.Base64.getDecoder().decode(rows.getString(base64Column));
    }

    public static LocalDate day(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, LocalDate.class);
    }
}
