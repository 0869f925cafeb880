package org.tlsrpt.api.query;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.Sql;

/**
 * Reports of a period, newest day first, a page at a time ({@code GET /api/v1/reports}). A report is listed only
 * when every one of its policy domains is in the caller's scope. Pages continue after a cursor (the last
 * row's day and key), so a page costs the same however deep it is.
 *
 * <p>One row per identity: the version that counts ({@code sign = 1} and not retracted since; docs/adr/0006), with
 * {@code identityConflict} when the identity has further versions (a row with {@code version > 0}). Both sub-queries
 * read only the period's rare versioned rows.
 */
public final class ReportListQuery {

    private static final Pattern CURSOR = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.([0-9a-f]{32})");

    static final String LIST = """
            SELECT key, organization, report_id, start_datetime, end_datetime, day, received_at, channel,
                   policy_domains, dkim, finding_codes,
                   key IN (SELECT key FROM reports WHERE day BETWEEN ? AND ? AND version > 0) AS identity_conflict
            FROM reports
            WHERE day BETWEEN ? AND ?
              AND sign = 1 AND NOT retraction
              AND (key, version) NOT IN (SELECT key, version FROM reports WHERE day BETWEEN ? AND ? AND retraction)
              AND (? OR (notEmpty(policy_domains) AND hasAll(?, policy_domains)))
              AND (? OR has(policy_domains, ?))
              AND (? OR organization = ?)
              AND (day, key) < (?, ?)
            ORDER BY day DESC, key DESC
            LIMIT ?
            """;

    private final ClickHouseConnector connector;

    public ReportListQuery(ClickHouseConnector connector) {
        this.connector = connector;
    }

    /**
     * @param domain       a normalised domain the caller may see, or null for all of the scope's
     * @param organization exact organisation name, or null for all
     * @param cursor       a previous page's {@code nextCursor}, or null for the first page
     */
    public ReportPage list(Scope scope, String domain, String organization, Period period, String cursor,
            int limit) {
        LocalDate afterDay = period.to().plusDays(1);
        String afterKey = "";
        if (cursor != null) {
            Matcher matcher = CURSOR.matcher(cursor);
            if (!matcher.matches()) {
                throw new InvalidParameterException("cursor", "cursor must be a nextCursor from a previous page");
            }
            try {
                afterDay = LocalDate.parse(matcher.group(1));
            } catch (java.time.format.DateTimeParseException e) {
                throw new InvalidParameterException("cursor", "cursor must be a nextCursor from a previous page");
            }
            afterKey = matcher.group(2);
        }
        LocalDate day = afterDay;
        String key = afterKey;
        List<ReportSummary> items = Select.list(connector, LIST, statement -> {
            int next = Select.bindPeriod(statement, 1, period); // versioned identities
            next = Select.bindPeriod(statement, next, period);
            next = Select.bindScope(statement, Select.bindPeriod(statement, next, period), scope);
            statement.setBoolean(next++, domain == null);
            statement.setString(next++, domain == null ? "" : domain);
            statement.setBoolean(next++, organization == null);
            statement.setString(next++, organization == null ? "" : organization);
            statement.setObject(next++, day);
            statement.setString(next++, key);
            statement.setInt(next, limit + 1);
        }, row -> new ReportSummary(row.getString("key"), row.getString("organization"),
                row.getString("report_id"), Sql.instant(row, "start_datetime"),
                Sql.instant(row, "end_datetime"), Sql.day(row, "day"), Sql.instant(row, "received_at"),
                row.getString("channel"), Sql.strings(row, "policy_domains"), row.getString("dkim"),
                Sql.strings(row, "finding_codes"), row.getBoolean("identity_conflict")));
        if (items.size() <= limit) {
            return new ReportPage(items, null);
        }
        List<ReportSummary> page = items.subList(0, limit);
        ReportSummary last = page.get(limit - 1);
        return new ReportPage(List.copyOf(page), last.day() + "." + last.key());
    }
}
