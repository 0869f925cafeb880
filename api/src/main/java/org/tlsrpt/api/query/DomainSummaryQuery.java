package org.tlsrpt.api.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.Sql;

/**
 * Successful and failed sessions of one domain per policy type, per day or per month
 * ({@code GET /api/v1/domains/{d}/summary}). Months are sums of the daily aggregate's rows, so a month equals the sum
 * of its days by construction and a ten-year range reads no raw rows.
 */
public final class DomainSummaryQuery {

    /** Placeholder: the bucket expression of a {@link Granularity}, one of two fixed texts. */
    static final String BUCKETS = """
            SELECT %s AS bucket, policy_type, sum(successful) AS successful, sum(failed) AS failed
            FROM daily_policy
            WHERE policy_domain = ? AND day BETWEEN ? AND ?
            GROUP BY bucket, policy_type
            ORDER BY bucket, policy_type
            """;

    private final ClickHouseConnector connector;

    public DomainSummaryQuery(ClickHouseConnector connector) {
        this.connector = connector;
    }

    public DomainSummary summary(String domain, Period period) {
        return summary(domain, period, Granularity.DAY);
    }

    /**
     * {@code domain} is a normalised name the caller may see; with {@link Granularity#MONTH} each entry of
     * {@code days} is one month, dated by its first day (the first and last month may be partial: only days within
     * the period count).
     */
    public DomainSummary summary(String domain, Period period, Granularity granularity) {
        List<DomainSummary.DayTotals> days = Select.list(connector, BUCKETS.formatted(granularity.bucket()),
                statement -> {
                    statement.setString(1, domain);
                    Select.bindPeriod(statement, 2, period);
                },
                row -> new DomainSummary.DayTotals(Sql.day(row, "bucket"), row.getString("policy_type"),
                        row.getLong("successful"), row.getLong("failed")));
        // the totals per policy type are the sums of its buckets: one query instead of two
        Map<String, long[]> totals = new TreeMap<>();
        for (DomainSummary.DayTotals day : days) {
            long[] sums = totals.computeIfAbsent(day.policyType(), type -> new long[2]);
            sums[0] += day.successfulSessions();
            sums[1] += day.failedSessions();
        }
        List<DomainSummary.PolicyTypeTotals> types = new ArrayList<>();
        totals.forEach((type, sums) -> types.add(new DomainSummary.PolicyTypeTotals(type, sums[0], sums[1])));
        return new DomainSummary(domain, period.from(), period.to(), granularity.requestName(), types, days);
    }
}
