package org.tlsrpt.api.query;

import java.util.List;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.Sql;

/** Daily successful and failed sessions of one domain per policy type ({@code GET /api/v1/domains/{d}/summary}). */
public final class DomainSummaryQuery {

    static final String DAYS = """
            SELECT day, policy_type, sum(successful) AS successful, sum(failed) AS failed
            FROM daily_policy
            WHERE policy_domain = ? AND day BETWEEN ? AND ?
            GROUP BY day, policy_type
            ORDER BY day, policy_type
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

    /** {@code domain} is a normalised name the caller may see. */
    public DomainSummary summary(String domain, Period period) {
        Select.Binder binder = statement -> {
            statement.setString(1, domain);
            Select.bindPeriod(statement, 2, period);
        };
        List<DomainSummary.PolicyTypeTotals> types = Select.list(connector, TYPES, binder,
                row -> new DomainSummary.PolicyTypeTotals(row.getString("policy_type"), row.getLong("successful"),
                        row.getLong("failed")));
        List<DomainSummary.DayTotals> days = Select.list(connector, DAYS, binder,
                row -> new DomainSummary.DayTotals(Sql.day(row, "day"), row.getString("policy_type"),
                        row.getLong("successful"), row.getLong("failed")));
        return new DomainSummary(domain, period.from(), period.to(), types, days);
    }
}
