package org.tlsrpt.api.query;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.Sql;

/**
 * Quarantined items, newest first, a page at a time after a cursor ({@code GET /api/v1/quarantine}). Nothing in
 * quarantine could be read as a report, so nothing says which domain it is about: only unrestricted callers
 * may list it (the resource enforces that).
 */
public final class QuarantineQuery {

    private static final Pattern CURSOR = Pattern.compile("(\\d{1,15})\\.([0-9a-f]{64})");

    static final String LIST = """
            SELECT sha256, reason_code, reason_path, reason_message, channel, received_at, origin, coordinates,
                   media_type, source_topic, source_partition, source_offset, length(bytes) AS size
            FROM quarantine
            WHERE received_at BETWEEN ? AND ?
              AND (received_at, sha256) < (?, ?)
            ORDER BY received_at DESC, sha256 DESC
            LIMIT ?
            """;

    static final String RAW = """
            SELECT base64Encode(bytes) AS bytes_base64, media_type
            FROM quarantine
            WHERE sha256 = ?
            LIMIT 1
            """;

    private final ClickHouseConnector connector;

    public QuarantineQuery(ClickHouseConnector connector) {
        this.connector = connector;
    }

    /** Items received on the days of {@code period}, after {@code cursor} (null: from the newest). */
    public QuarantinePage list(Period period, String cursor, int limit) {
        LocalDateTime before = period.to().plusDays(1).atStartOfDay();
        String beforeSha = "";
        if (cursor != null) {
            Matcher matcher = CURSOR.matcher(cursor);
            if (!matcher.matches()) {
                throw new InvalidParameterException("cursor", "cursor must be a nextCursor from a previous page");
            }
            before = LocalDateTime.ofInstant(Instant.ofEpochMilli(Long.parseLong(matcher.group(1))), ZoneOffset.UTC);
            beforeSha = matcher.group(2);
        }
        LocalDateTime afterTime = before;
        String afterSha = beforeSha;
        List<QuarantineItem> items = Select.list(connector, LIST, statement -> {
            statement.setObject(1, period.from().atStartOfDay());
            statement.setObject(2, period.to().plusDays(1).atStartOfDay().minusNanos(1_000_000));
            statement.setObject(3, afterTime);
            statement.setString(4, afterSha);
            statement.setInt(5, limit + 1);
        }, row -> new QuarantineItem(row.getString("sha256"), row.getString("reason_code"),
                row.getString("reason_path"), row.getString("reason_message"), row.getString("channel"),
                Sql.instant(row, "received_at"), row.getString("origin"), coordinates(row.getObject("coordinates")),
                row.getString("media_type"), row.getString("source_topic"), row.getLong("source_partition"),
                row.getLong("source_offset"), row.getLong("size")));
        if (items.size() <= limit) {
            return new QuarantinePage(items, null);
        }
        List<QuarantineItem> page = List.copyOf(items.subList(0, limit));
        QuarantineItem last = page.get(limit - 1);
        return new QuarantinePage(page, last.receivedAt().toEpochMilli() + "." + last.sha256());
    }

    /** The kept bytes of a quarantined item, by SHA-256 (64 lower-case hex digits). */
    public java.util.Optional<RawReport> raw(String sha256) {
        return Select.list(connector, RAW, statement -> statement.setString(1, sha256),
                row -> new RawReport(sha256, Sql.bytes(row, "bytes_base64"), row.getString("media_type"), List.of()))
                .stream().findFirst();
    }

    private static Map<String, String> coordinates(Object value) {
        Map<String, String> coordinates = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> coordinates.put(String.valueOf(k), String.valueOf(v)));
        }
        return coordinates;
    }
}
