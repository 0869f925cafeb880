package org.tlsrpt.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tlsrpt.storage.ClickHouseConnector;

/** Reads what the processor stored, in the shapes {@link TestReports.Tally} predicts. */
public record Contents(ClickHouseConnector database) {

    /**
     * Every table and aggregate holds exactly the {@code reports} reports of {@code tally}, each once, and nothing
     * went to quarantine: counted without FINAL, so a row written twice anywhere fails it.
     */
    public void assertExactly(long reports, TestReports.Tally tally) throws SQLException {
        assertStored(reports, tally);
        assertThat(count("quarantine")).isZero();
    }

    /** Every table and aggregate holds exactly the {@code reports} reports of {@code tally}, each once. */
    public void assertStored(long reports, TestReports.Tally tally) throws SQLException {
        assertThat(count("reports")).isEqualTo(reports);
        assertThat(count("raw_reports")).isEqualTo(reports);
        assertThat(count("policy_results")).isEqualTo(tally.policies);
        assertThat(count("failure_details")).isEqualTo(tally.details);
        assertThat(dailyPolicy()).isEqualTo(tally.dailyPolicy);
        assertThat(dailyFailures()).isEqualTo(tally.dailyFailures);
    }

    public Map<String, List<Long>> dailyPolicy() throws SQLException {
        return grouped("SELECT concat(policy_domain, '|', toString(day), '|', policy_type, '|', organization), "
                + "sum(reports), sum(successful), sum(failed) FROM daily_policy GROUP BY 1", 3);
    }

    public Map<String, List<Long>> dailyFailures() throws SQLException {
        return grouped("SELECT concat(policy_domain, '|', toString(day), '|', policy_type, '|', result_type, '|', "
                + "receiving_mx_hostname, '|', sending_mta_ip), sum(details), sum(failed_sessions) "
                + "FROM daily_failures GROUP BY 1", 2);
    }

    /** Rows as stored, without FINAL: a duplicate anywhere shows up here. */
    public long count(String table) throws SQLException {
        try (Connection c = database.open(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count() FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public List<List<String>> rows(String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = database.open(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    private Map<String, List<Long>> grouped(String sql, int values) throws SQLException {
        Map<String, List<Long>> map = new TreeMap<>();
        try (Connection c = database.open(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                List<Long> sums = new ArrayList<>();
                for (int i = 0; i < values; i++) {
                    sums.add(rs.getLong(2 + i));
                }
                map.put(rs.getString(1), sums);
            }
        }
        return map;
    }
}
