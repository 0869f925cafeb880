package org.tlsrpt.api.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * Failed sessions of one domain grouped by the asked keys and policy type, largest first
 * ({@code GET /api/v1/domains/{d}/failures}). Reads the daily aggregate when it holds every asked key, the
 * failure details otherwise; both are ordered by domain and day first, so only the domain's range is read.
 */
public final class FailureBreakdownQuery {

    /**
     * Placeholders: key columns (3 times), the table, the sessions it adds and its number of details; filled only
     * from {@link FailureKey} and fixed text. The failure details hold every version of a report: each row is
     * weighted by its sign (1 counted, 0 kept without counting, -1 a retraction; docs/adr/0006), as the daily
     * aggregate already is. A group whose details cancel out (a retracted version) is left out.
     */
    static final String BREAKDOWN = """
            SELECT policy_type, %1$s, sum(%3$s) AS failed_sessions
            FROM %2$s
            WHERE policy_domain = ? AND day BETWEEN ? AND ?
            GROUP BY policy_type, %1$s
            HAVING sum(%4$s) != 0
            ORDER BY failed_sessions DESC, policy_type, %1$s
            LIMIT ?
            """;

    private final ClickHouseConnector connector;

    public FailureBreakdownQuery(ClickHouseConnector connector) {
        this.connector = connector;
    }

    /** {@code domain} is a normalised name the caller may see; at most {@code limit} rows. */
    public List<FailureRow> breakdown(String domain, Period period, List<FailureKey> by, int limit) {
        StringJoiner columns = new StringJoiner(", ");
        boolean daily = true;
        for (FailureKey key : by) {
            columns.add(key.column());
            daily &= key.inDailyAggregate();
        }
        String sql = daily ? BREAKDOWN.formatted(columns, "daily_failures", "failed_sessions", "details")
                : BREAKDOWN.formatted(columns, "failure_details", "toInt64(failed_sessions) * sign", "sign");
        return Select.list(connector, sql, statement -> {
            statement.setString(1, domain);
            Select.bindPeriod(statement, 2, period);
            statement.setInt(4, limit);
        }, row -> {
            Map<String, String> keys = new LinkedHashMap<>();
            for (FailureKey key : by) {
                keys.put(key.fieldName(), row.getString(key.column()));
            }
            return new FailureRow(row.getString("policy_type"), keys, row.getLong("failed_sessions"));
        });
    }
}
