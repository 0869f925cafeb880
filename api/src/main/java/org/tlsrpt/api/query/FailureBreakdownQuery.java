package org.tlsrpt.api.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.Sql;

/**
 * Failed sessions of one domain grouped by the asked keys and policy type, largest first
 * ({@code GET /api/v1/domains/{d}/failures}). Reads the daily aggregate when it holds every asked key, the
 * failure details otherwise; both are ordered by domain and day first, so only the domain's range is read. Asked for
 * per day or per month, rows carry their bucket and the limit holds per bucket ({@code LIMIT n BY}), so a long
 * series is not cut off after its first buckets.
 */
public final class FailureBreakdownQuery {

    /**
     * Placeholders: key columns (3 times), the table, the bucket column with its comma (3 times, empty for totals),
     * the {@code BY} of the limit, the sessions a row adds and its number of details; filled only from
     * {@link FailureKey}, {@link Granularity} and fixed text. The failure details hold every version of a report:
     * each row is weighted by its sign (1 counted, 0 kept without counting, -1 a retraction; docs/adr/0006), as the
     * daily aggregate already is. A group whose details cancel out (a retracted version) is left out.
     */
    static final String BREAKDOWN = """
            SELECT %3$spolicy_type, %1$s, sum(%6$s) AS failed_sessions
            FROM %2$s
            WHERE policy_domain = ? AND day BETWEEN ? AND ?
            GROUP BY %4$spolicy_type, %1$s
            HAVING sum(%7$s) != 0
            ORDER BY %4$sfailed_sessions DESC, policy_type, %1$s
            LIMIT ? %5$s
            """;

    private final ClickHouseConnector connector;

    public FailureBreakdownQuery(ClickHouseConnector connector) {
        this.connector = connector;
    }

    /** {@code domain} is a normalised name the caller may see; totals over the period, at most {@code limit} rows. */
    public List<FailureRow> breakdown(String domain, Period period, List<FailureKey> by, int limit) {
        return breakdown(domain, period, by, null, limit);
    }

    /**
     * As {@link #breakdown(String, Period, List, int)}, per day or month when {@code granularity} is not null (then
     * at most {@code limit} rows per bucket, buckets in order).
     */
    public List<FailureRow> breakdown(String domain, Period period, List<FailureKey> by, Granularity granularity,
            int limit) {
        StringJoiner columns = new StringJoiner(", ");
        boolean daily = true;
        for (FailureKey key : by) {
            columns.add(key.column());
            daily &= key.inDailyAggregate();
        }
        String select = granularity == null ? "" : granularity.bucket() + " AS bucket, ";
        String group = granularity == null ? "" : "bucket, ";
        String sql = BREAKDOWN.formatted(columns, daily ? "daily_failures" : "failure_details", select, group,
                granularity == null ? "" : "BY bucket", daily ? "failed_sessions" : "toInt64(failed_sessions) * sign",
                daily ? "details" : "sign");
        return Select.list(connector, sql, statement -> {
            statement.setString(1, domain);
            Select.bindPeriod(statement, 2, period);
            statement.setInt(4, limit);
        }, row -> {
            Map<String, String> keys = new LinkedHashMap<>();
            for (FailureKey key : by) {
                keys.put(key.fieldName(), row.getString(key.column()));
            }
            return new FailureRow(granularity == null ? null : Sql.day(row, "bucket"), row.getString("policy_type"),
                    keys, row.getLong("failed_sessions"));
        });
    }
}
