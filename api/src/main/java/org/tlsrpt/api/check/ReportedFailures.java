package org.tlsrpt.api.check;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.Sql;

/**
 * What the diagnosis and the scheduled checks read of the reports: the failures of a domain per (result type,
 * receiving MX), and the domains reports arrived for.
 */
public final class ReportedFailures {

    /**
     * Per policy type first, then the largest: failure details of sts and tlsa policies describe the same sessions
     * (Microsoft reports both), so they are never added up. Rows count by their sign (docs/adr/0006: a retraction
     * cancels a displaced version of a report; rows kept without counting have sign 0).
     */
    private static final String FAILURES = """
            SELECT result_type, mx, max(sessions) AS sessions, min(first_day) AS first_day, max(last_day) AS last_day,
                arraySort(arrayDistinct(arrayFlatten(groupArray(orgs)))) AS reporters
            FROM (
                SELECT result_type, lower(trimRight(receiving_mx_hostname, '.')) AS mx, policy_type,
                    sum(toInt64(failed_sessions) * sign) AS sessions, min(day) AS first_day, max(day) AS last_day,
                    groupUniqArray(toString(organization)) AS orgs
                FROM failure_details
                WHERE policy_domain = ? AND day BETWEEN ? AND ? AND sign != 0
                GROUP BY result_type, mx, policy_type
                HAVING sessions > 0)
            GROUP BY result_type, mx
            ORDER BY sessions DESC, result_type, mx
            LIMIT ?
            """;
    private static final String DOMAINS = """
            SELECT DISTINCT policy_domain FROM daily_reporters WHERE day >= ? ORDER BY policy_domain LIMIT ?
            """;

    private final ClickHouseConnector connector;

    public ReportedFailures(ClickHouseConnector connector) {
        this.connector = connector;
    }

    /** The failures of {@code domain} reported on days {@code from} to {@code to}, at most {@code limit}. */
    public List<ReportedFailure> between(String domain, LocalDate from, LocalDate to, int limit) throws SQLException {
        List<ReportedFailure> failures = new ArrayList<>();
        try (Connection connection = connector.open();
                PreparedStatement select = connection.prepareStatement(FAILURES)) {
            select.setString(1, domain);
            select.setObject(2, from);
            select.setObject(3, to);
            select.setInt(4, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    failures.add(new ReportedFailure(rows.getString("result_type"), rows.getString("mx"),
                            rows.getLong("sessions"), Sql.day(rows, "first_day"), Sql.day(rows, "last_day"),
                            Sql.strings(rows, "reporters")));
                }
            }
        }
        return failures;
    }

    /** The policy domains reports arrived for since {@code since}, lower case, at most {@code limit}. */
    public TreeSet<String> domainsSince(LocalDate since, int limit) throws SQLException {
        TreeSet<String> domains = new TreeSet<>();
        try (Connection connection = connector.open();
                PreparedStatement select = connection.prepareStatement(DOMAINS)) {
            select.setObject(1, since);
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    domains.add(rows.getString("policy_domain").toLowerCase(Locale.ROOT));
                }
            }
        }
        return domains;
    }
}
