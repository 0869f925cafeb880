package org.tlsrpt.api.query;

import java.util.List;
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

    static final String TYPES = """
            SELECT policy_type, sum(successful) AS successful, sum(failed) AS failed
            FROM daily_policy
            WHERE policy_domain = ? AND day BETWEEN ? AND ?
            GROUP BY policy_type
            ORDER BY policy_type
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
        Select.Binder binder = statement -> {
            statement.setString(1, domain);
            Select.bindPeriod(statement, 2, period);
        };
        List<DomainSummary.PolicyTypeTotals> types = Select.list(connector, TYPES, binder,
                row -> new DomainSummary.PolicyTypeTotals(row.getString("policy_type"), row.getLong("successful"),
                        row.getLong("failed")));
        List<DomainSummary.DayTotals> days = Select.list(connector, BUCKETS.formatted(granularity.bucket()), binder,
                row -> new DomainSummary.DayTotals(Sql.day(row, "bucket"), row.getString("policy_type"),
                        row.getLong("successful"), row.getLong("failed")));
        return new DomainSummary(domain, period.from(), period.to(), granularity.requestName(), types, days);
    }
}
