package org.tlsrpt.api.query;

import java.util.List;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.Sql;

/** The domains a caller may see that have reports in a period, with their totals ({@code GET /api/v1/domains}). */
public final class DomainListQuery {

    /**
     * Per domain, reporter and day, the policy type with the most sessions stands for that reporter's sessions
     * (argMax), so sts and tlsa of one report are never added up; then sum over reporters and days. Groups whose
     * reports cancel out (a version retracted before the aggregate merged) are left out. The time of the last report
     * comes from daily_reporters in the same statement: one round trip, not two.
     *
     * <p>No PREWHERE ({@code optimize_move_to_prewhere = 0}): the primary key already picks each domain's granules,
     * so a first filtering pass over them saves little, and it cost more than it saved: for 20 domains over a
     * generated year of 10 M reports the policy half took p50 28 ms instead of 44 ms (docs/benchmarks.md,
     * "Session 8").
     */
    static final String DOMAINS = """
            SELECT totals.policy_domain AS policy_domain, successful, failed, reporters, last_received_at
            FROM (
                SELECT policy_domain,
                       sum(tupleElement(sessions, 1)) AS successful,
                       sum(tupleElement(sessions, 2)) AS failed,
                       uniqExact(organization) AS reporters
                FROM (
                    SELECT policy_domain, day, organization,
                           argMax((successful, failed), successful + failed) AS sessions
                    FROM (
                        SELECT policy_domain, day, organization, policy_type,
                               sum(successful) AS successful, sum(failed) AS failed
                        FROM daily_policy
                        WHERE day BETWEEN ? AND ? AND (? OR policy_domain IN ?) AND policy_domain != ''
                        GROUP BY policy_domain, day, organization, policy_type
                        HAVING sum(reports) != 0
                    )
                    GROUP BY policy_domain, day, organization
                )
                GROUP BY policy_domain
            ) AS totals
            LEFT JOIN (
                SELECT policy_domain, max(last_received_at) AS last_received_at
                FROM daily_reporters
                WHERE day BETWEEN ? AND ? AND (? OR policy_domain IN ?)
                GROUP BY policy_domain
            ) AS last ON totals.policy_domain = last.policy_domain
            ORDER BY policy_domain
            SETTINGS join_use_nulls = 1, optimize_move_to_prewhere = 0
            """;

    private final ClickHouseConnector connector;

    public DomainListQuery(ClickHouseConnector connector) {
        this.connector = connector;
    }

    public List<DomainTotals> domains(Scope scope, Period period) {
        return Select.list(connector, DOMAINS, statement -> Select.bindScope(statement,
                Select.bindPeriod(statement, Select.bindScope(statement, Select.bindPeriod(statement, 1, period),
                        scope), period), scope),
                row -> {
                    long successful = row.getLong("successful");
                    long failed = row.getLong("failed");
                    return new DomainTotals(row.getString("policy_domain"), successful, failed,
                            DomainTotals.rate(successful, failed), row.getLong("reporters"),
                            Sql.instant(row, "last_received_at"));
                });
    }
}
