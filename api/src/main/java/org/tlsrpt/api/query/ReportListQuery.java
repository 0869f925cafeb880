package org.tlsrpt.api.query;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.Sql;

/**
 * Reports of a period, newest day first, a page at a time ({@code GET /api/v1/reports}). A report is listed when the
 * caller's scope covers every policy domain of any one of its versions. Pages continue after a cursor (the last
 * row's day and key), so a page costs the same however deep it is.
 *
 * <p>One row per identity: the version that counts ({@code sign = 1} and not retracted since; docs/adr/0006) when the
 * caller covers it, else the first version it covers, so a forgery naming other domains counted under the identity
 * does not hide the report from its tenant. {@code identityConflict} when the caller covers more than one version:
 * versions it does not cover are not there for it. The sub-queries read only the period's rare versioned rows.
 */
public final class ReportListQuery {

    private static final Pattern CURSOR = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.([0-9a-f]{32})");

    /** The scope filter on a {@code reports} row: the caller covers every one of its policy domains. */
    private static final String COVERED = "(? OR (notEmpty(policy_domains) AND hasAll(?, policy_domains)))";
    private static final String RETRACTED = "(SELECT key, version FROM reports WHERE day BETWEEN ? AND ? AND retraction)";
    private static final String VERSIONED = "(SELECT key FROM reports WHERE day BETWEEN ? AND ? AND version > 0)";

    /*
     * A row is listed when the caller covers it and it is the identity's counted version, or, for an identity whose
     * counted version the caller does not cover, the first version it covers. identityConflict: the caller covers
     * more than one version. The sub-queries read only versioned identities (rare).
     */
    static final String LIST = """
            SELECT key, organization, report_id, start_datetime, end_datetime, day, received_at, channel,
                   policy_domains, dkim, finding_codes,
                   key IN (SELECT key FROM reports
                           WHERE day BETWEEN ? AND ? AND NOT retraction AND %1$s AND key IN %3$s
                           GROUP BY key HAVING uniqExact(version) > 1) AS identity_conflict
            FROM reports
            WHERE day BETWEEN ? AND ?
              AND NOT retraction
              AND %1$s
              AND ((sign = 1 AND (key, version) NOT IN %2$s)
                   OR (key, version) IN (
                       SELECT key, min(version) FROM (
                           SELECT key, version, sign = 1 AND (key, version) NOT IN %2$s AS counted
                           FROM reports
                           WHERE day BETWEEN ? AND ? AND NOT retraction AND %1$s AND key IN %3$s)
                       GROUP BY key HAVING NOT max(counted)))
              AND (? OR has(policy_domains, ?))
              AND (? OR organization = ?)
              AND (day, key) < (?, ?)
            ORDER BY day DESC, key DESC
            LIMIT ?
            """.formatted(COVERED, RETRACTED, VERSIONED);

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
            // identity_conflict: covered versions of versioned identities
            int next = Select.bindScope(statement, Select.bindPeriod(statement, 1, period), scope);
            next = Select.bindPeriod(statement, next, period);
            // the rows: covered, and counted...
            next = Select.bindScope(statement, Select.bindPeriod(statement, next, period), scope);
            next = Select.bindPeriod(statement, next, period);
            // ...or the first covered version where the counted one is not covered
            next = Select.bindPeriod(statement, next, period);
            next = Select.bindScope(statement, Select.bindPeriod(statement, next, period), scope);
            next = Select.bindPeriod(statement, next, period);
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
