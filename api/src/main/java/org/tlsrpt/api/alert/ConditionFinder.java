package org.tlsrpt.api.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.api.check.CheckHistory;
import org.tlsrpt.api.query.DomainListQuery;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.Sql;

/**
 * Finds the conditions that are true now for one rule, from the daily aggregates ({@code daily_policy},
 * {@code daily_failures}). Days are UTC days; a window covers every day that overlaps {@code [now - window, now]}.
 * Domain totals are taken per policy type and never added across types (a Microsoft report counts the same sessions
 * under sts and tlsa); a domain's figure is that of its worst policy type.
 */
public final class ConditionFinder {

    private static final String SESSIONS_BY_TYPE = """
            SELECT policy_domain, policy_type, sum(successful) AS ok, sum(failed) AS failed
            FROM daily_policy
            WHERE day BETWEEN ? AND ? AND %s
            GROUP BY policy_domain, policy_type
            """;
    private static final String FAILED_BY_DAY = """
            SELECT policy_domain, policy_type, day, sum(failed) AS failed
            FROM daily_policy
            WHERE day BETWEEN ? AND ? AND %s
            GROUP BY policy_domain, policy_type, day
            """;
    /*
     * The aggregates hold signed rows: a retracted version (docs/adr/0006) leaves a day whose rows sum to 0. Days are
     * summed first and such days dropped, as ReporterQuery does, so a retraction neither makes a result type "seen"
     * nor a reporter "heard from" on a day it reported nothing that counts.
     */
    private static final String FIRST_SEEN_RESULT_TYPES = """
            SELECT policy_domain, result_type, min(day) AS first_day, sum(day_failed) AS failed
            FROM (
                SELECT policy_domain, result_type, day, sum(failed_sessions) AS day_failed
                FROM daily_failures
                WHERE day <= ? AND %s
                GROUP BY policy_domain, result_type, day
                HAVING day_failed != 0)
            GROUP BY policy_domain, result_type
            HAVING first_day >= ?
            """;
    private static final String SILENT_REPORTERS = """
            SELECT policy_domain, organization, max(day) AS last_day, sum(day_reports) AS reports
            FROM (
                SELECT policy_domain, organization, day, sum(reports) AS day_reports
                FROM daily_policy
                WHERE day BETWEEN ? AND ? AND %s
                GROUP BY policy_domain, organization, day
                HAVING day_reports != 0)
            GROUP BY policy_domain, organization
            HAVING last_day < ?
            """;

    /** The check-based kinds look at checks of this many days (a domain no longer checked fires nothing). */
    private static final Duration CHECKS_LOOK_BACK = Duration.ofDays(7);

    private final ClickHouseConnector connector;
    private final CheckHistory checks;
    private final WeeklyDigests digests;

    public ConditionFinder(ClickHouseConnector connector) {
        this.connector = connector;
        this.checks = new CheckHistory(connector);
        this.digests = new WeeklyDigests(this, new DomainListQuery(connector), checks);
    }

    public List<Condition> find(AlertRule rule, Instant now) throws SQLException {
        Scope scope = rule.evaluatedScope();
        if (!scope.allDomains() && scope.domains().isEmpty()) {
            return List.of();
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return switch (rule.kind()) {
            case FAILURE_RATE -> failureRate(rule, scope, firstDay(now, rule.window()), today);
            case FAILURE_SPIKE -> failureSpike(rule, scope, firstDay(now, rule.window()), today);
            case NEW_RESULT_TYPE -> newResultTypes(scope, firstDay(now, rule.window()), today);
            case REPORTER_SILENT -> silentReporters(rule, scope, today);
            case CERTIFICATE_EXPIRING -> CheckConditions.certificateExpiring(
                    checks.recent(scope, now.minus(CHECKS_LOOK_BACK), 1), (int) rule.threshold());
            case CHECK_FAILING -> CheckConditions.checkFailing(
                    checks.recent(scope, now.minus(CHECKS_LOOK_BACK), (int) rule.minFailures()),
                    (int) rule.minFailures());
            case WEEKLY_DIGEST -> digests.find(rule, scope, today);
        };
    }

    static LocalDate firstDay(Instant now, Duration window) {
        return LocalDate.ofInstant(now.minus(window), ZoneOffset.UTC);
    }

    private List<Condition> failureRate(AlertRule rule, Scope scope, LocalDate from, LocalDate to)
            throws SQLException {
        Map<String, Condition> worst = new TreeMap<>();
        Map<String, Double> worstRate = new HashMap<>();
        query(SESSIONS_BY_TYPE, scope, List.of(from, to), List.of(), rows -> {
            String domain = rows.getString("policy_domain");
            long ok = rows.getLong("ok");
            long failed = rows.getLong("failed");
            long sessions = ok + failed;
            if (sessions == 0 || sessions < rule.minSessions()) {
                return;
            }
            double rate = (double) failed / sessions;
            if (rate > rule.threshold() && rate > worstRate.getOrDefault(domain, -1.0)) {
                String type = rows.getString("policy_type");
                worstRate.put(domain, rate);
                worst.put(domain, new Condition(domain, domain, String.format(Locale.ROOT,
                        "%s: %s of %d %s sessions failed from %s to %s (threshold %s)", domain, percent(rate),
                        sessions, type, from, to, percent(rule.threshold())),
                        details("policyType", type, "failedSessions", failed, "successfulSessions", ok,
                                "failureRate", rate, "threshold", rule.threshold(), "from", from.toString(),
                                "to", to.toString())));
            }
        });
        return List.copyOf(worst.values());
    }

    private List<Condition> failureSpike(AlertRule rule, Scope scope, LocalDate windowStart, LocalDate today)
            throws SQLException {
        LocalDate baselineStart = windowStart.minusDays(rule.baselineDays());
        LocalDate baselineEnd = windowStart.minusDays(1);
        // per domain and policy type: failed sessions before the window (baseline) and the worst day within it
        Map<String, Long> baseline = new HashMap<>();
        Map<String, Long> worstDay = new HashMap<>();
        Map<String, LocalDate> worstDate = new HashMap<>();
        query(FAILED_BY_DAY, scope, List.of(baselineStart, today), List.of(), rows -> {
            String key = rows.getString("policy_domain") + "|" + rows.getString("policy_type");
            LocalDate day = rows.getObject("day", LocalDate.class);
            long failed = rows.getLong("failed");
            if (day.isBefore(windowStart)) {
                baseline.merge(key, failed, Long::sum);
            } else if (failed > worstDay.getOrDefault(key, -1L)) {
                worstDay.put(key, failed);
                worstDate.put(key, day);
            }
        });
        Map<String, Condition> spikes = new TreeMap<>();
        Map<String, Double> strongest = new HashMap<>();
        for (Map.Entry<String, Long> entry : worstDay.entrySet()) {
            String[] parts = entry.getKey().split("\\|", 2);
            String domain = parts[0];
            long failed = entry.getValue();
            double mean = baseline.getOrDefault(entry.getKey(), 0L) / (double) rule.baselineDays();
            double limit = rule.factor() * mean;
            if (failed < rule.minFailures() || failed <= limit) {
                continue;
            }
            double ratio = mean == 0 ? Double.MAX_VALUE : failed / mean;
            if (ratio > strongest.getOrDefault(domain, -1.0)) {
                strongest.put(domain, ratio);
                LocalDate day = worstDate.get(entry.getKey());
                spikes.put(domain, new Condition(domain, domain, String.format(Locale.ROOT,
                        "%s: %d failed %s sessions on %s, above %s × the %d-day daily mean of %.1f", domain, failed,
                        parts[1], day, trim(rule.factor()), rule.baselineDays(), mean),
                        details("policyType", parts[1], "day", day.toString(), "failedSessions", failed,
                                "baselineDailyMean", mean, "factor", rule.factor(), "baselineFrom",
                                baselineStart.toString(), "baselineTo", baselineEnd.toString())));
            }
        }
        return List.copyOf(spikes.values());
    }

    /** Result types first reported for a day from {@code windowStart} to {@code today}, per domain. */
    List<Condition> newResultTypes(Scope scope, LocalDate windowStart, LocalDate today) throws SQLException {
        List<Condition> conditions = new ArrayList<>();
        query(FIRST_SEEN_RESULT_TYPES, scope, List.of(today), List.of(windowStart), rows -> {
            String domain = rows.getString("policy_domain");
            String resultType = rows.getString("result_type");
            LocalDate first = rows.getObject("first_day", LocalDate.class);
            long failed = rows.getLong("failed");
            conditions.add(new Condition(domain + "|" + resultType, domain, String.format(Locale.ROOT,
                    "%s: new failure result type %s, first reported for %s (%d failed sessions since)", domain,
                    resultType, first, failed),
                    details("resultType", resultType, "firstDay", first.toString(), "failedSessions", failed)));
        });
        conditions.sort(java.util.Comparator.comparing(Condition::key));
        return conditions;
    }

    private List<Condition> silentReporters(AlertRule rule, Scope scope, LocalDate today) throws SQLException {
        return silentReporters(scope, today.minusDays(rule.baselineDays()), today, today.minusDays(rule.silentDays()),
                rule.silentDays());
    }

    /**
     * Organisations that reported on a domain for a day from {@code known} to {@code today}, but for none from
     * {@code silentBefore} on.
     */
    List<Condition> silentReporters(Scope scope, LocalDate known, LocalDate today, LocalDate silentBefore,
            long silentDays) throws SQLException {
        List<Condition> conditions = new ArrayList<>();
        query(SILENT_REPORTERS, scope, List.of(known, today), List.of(silentBefore), rows -> {
            String domain = rows.getString("policy_domain");
            String organization = rows.getString("organization");
            LocalDate last = rows.getObject("last_day", LocalDate.class);
            conditions.add(new Condition(domain + "|" + organization, domain, String.format(Locale.ROOT,
                    "%s: %s has sent no report since the one for %s (silent for more than %d days)", domain,
                    organization, last, silentDays),
                    details("organization", organization, "lastReportDay", last.toString(),
                            "silentDays", silentDays)));
        });
        conditions.sort(java.util.Comparator.comparing(Condition::key));
        return conditions;
    }

    @FunctionalInterface
    private interface RowHandler {
        void accept(ResultSet rows) throws SQLException;
    }

    /**
     * Runs {@code template} with its {@code %s} replaced by the scope's domain filter (placeholders only; the
     * domains are bound like every other value). Parameters: {@code before}, the filter's domains, {@code after}.
     */
    private void query(String template, Scope scope, List<Object> before, List<Object> after, RowHandler handler)
            throws SQLException {
        List<String> domains = scope.allDomains() ? List.of() : List.copyOf(scope.domains());
        String filter = scope.allDomains() ? "1 = 1" : "policy_domain IN (" + Sql.placeholders(domains.size()) + ")";
        try (Connection connection = connector.open();
                PreparedStatement statement = connection.prepareStatement(template.formatted(filter))) {
            int i = 0;
            for (Object value : before) {
                statement.setObject(++i, value);
            }
            for (String domain : domains) {
                statement.setString(++i, domain);
            }
            for (Object value : after) {
                statement.setObject(++i, value);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    handler.accept(rows);
                }
            }
        }
    }

    private static Map<String, Object> details(Object... pairs) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            details.put((String) pairs[i], pairs[i + 1]);
        }
        return details;
    }

    static String percent(double share) {
        return trim(Math.round(share * 10000) / 100.0) + "%";
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
