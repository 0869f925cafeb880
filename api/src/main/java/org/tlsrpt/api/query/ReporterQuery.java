package org.tlsrpt.api.query;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.Sql;

/**
 * Who reports on which domain, and which daily reporter went quiet ({@code GET /api/v1/reporters}). TLS-RPT doubles
 * as a heartbeat (RFC 8460 §1): a sender that reported every day and stopped may have stopped delivering mail.
 */
public final class ReporterQuery {

    static final int MIN_DAILY_DAYS = 3;

    static final String REPORTERS = """
            SELECT policy_domain, organization,
                   sum(reports) AS reports, count() AS days,
                   min(day) AS first_day, max(day) AS last_day, max(last_received_at) AS last_received_at
            FROM (
                SELECT policy_domain, day, organization,
                       sum(reports) AS reports, max(last_received_at) AS last_received_at
                FROM daily_reporters
                WHERE day BETWEEN ? AND ? AND (? OR policy_domain IN ?) AND (? OR policy_domain = ?)
                GROUP BY policy_domain, day, organization
                HAVING reports != 0
            )
            GROUP BY policy_domain, organization
            ORDER BY policy_domain, organization
            """;

    private final ClickHouseConnector connector;

    public ReporterQuery(ClickHouseConnector connector) {
        this.connector = connector;
    }

    /**
     * @param domain a normalised domain the caller may see, or null for every domain in {@code scope}
     * @param today  the current UTC day: a report for day D arrives during D+1, so a reporter is silent only
     *               when it missed a day that should have arrived by now
     */
    public List<Reporter> reporters(Scope scope, String domain, Period period, LocalDate today) {
        LocalDate expectedThrough = min(period.to(), today.minusDays(1));
        return Select.list(connector, REPORTERS, statement -> {
            int next = Select.bindScope(statement, Select.bindPeriod(statement, 1, period), scope);
            statement.setBoolean(next, domain == null);
            statement.setString(next + 1, domain == null ? "" : domain);
        }, row -> {
            LocalDate first = Sql.day(row, "first_day");
            LocalDate last = Sql.day(row, "last_day");
            long days = row.getLong("days");
            boolean daily = days >= MIN_DAILY_DAYS && days * 2 >= ChronoUnit.DAYS.between(first, last) + 1;
            LocalDate silentSince = daily && last.isBefore(expectedThrough.minusDays(1)) ? last.plusDays(1) : null;
            return new Reporter(row.getString("policy_domain"), row.getString("organization"),
                    row.getLong("reports"), days, first, last, Sql.instant(row, "last_received_at"), daily,
                    silentSince);
        });
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
