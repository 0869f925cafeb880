package org.tlsrpt.api.check;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.checks.Check;
import org.tlsrpt.checks.CheckResult;
import org.tlsrpt.checks.DomainCheck;
import org.tlsrpt.checks.PolicySeen;
import org.tlsrpt.checks.ResultType;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.Sql;

/**
 * The checks' history in ClickHouse ({@code domain_checks}, V014): one row per result, a check being the rows of one
 * {@code check_id}. Every value is a bound parameter.
 */
public final class CheckHistory {

    /** Who asked for a check. */
    public enum Trigger {
        SCHEDULED, API;

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final String INSERT = """
            INSERT INTO domain_checks (policy_domain, checked_at, check_id, position, trigger, check_name, target,
                result_type, detail, fact_names, fact_values) SETTINGS async_insert = 0
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    private static final String COLUMNS = """
            SELECT policy_domain, checked_at, check_id, position, check_name, target, result_type, detail,
                fact_names, fact_values
            FROM domain_checks
            """;
    /** The newest {@code limit} checks of a domain in a period, each with all its rows. */
    private static final String BETWEEN = COLUMNS + """
            WHERE policy_domain = ? AND check_id IN (
                SELECT check_id FROM domain_checks WHERE policy_domain = ? AND checked_at BETWEEN ? AND ?
                GROUP BY check_id ORDER BY max(checked_at) DESC LIMIT ?)
            ORDER BY checked_at DESC, check_id, position
            """;
    /** The newest {@code ?} checks of each domain since a time, for the alert rules; %s: the scope's filter. */
    private static final String RECENT = COLUMNS + """
            WHERE (policy_domain, check_id) IN (
                SELECT policy_domain, check_id FROM domain_checks WHERE checked_at >= ? AND %s
                GROUP BY policy_domain, check_id ORDER BY max(checked_at) DESC LIMIT ? BY policy_domain)
            ORDER BY policy_domain, checked_at DESC, check_id, position
            """;
    /** The newest check of every domain in a scope, summed up: when, and the result types that are not ok. */
    private static final String NOW = """
            SELECT policy_domain, checked_at, groupArrayIf(result_type, result_type != 'ok') AS failing
            FROM domain_checks
            WHERE (policy_domain, check_id) IN (
                SELECT policy_domain, argMax(check_id, checked_at) FROM domain_checks
                WHERE (? OR policy_domain IN ?) GROUP BY policy_domain)
            GROUP BY policy_domain, checked_at
            ORDER BY policy_domain
            LIMIT ?
            """;
    private static final String LAST_CHECKED = """
            SELECT policy_domain, max(checked_at) AS last_checked FROM domain_checks GROUP BY policy_domain
            """;
    private static final String POLICY_SEEN = """
            SELECT fact_names, fact_values FROM domain_checks
            WHERE policy_domain = ? AND check_name = 'sts-policy' AND has(fact_names, 'sha256')
            ORDER BY checked_at DESC LIMIT 1
            """;

    private final ClickHouseConnector connector;

    public CheckHistory(ClickHouseConnector connector) {
        this.connector = connector;
    }

    /** Stores one check, all its rows in one insert. */
    public void save(DomainCheck check, Trigger trigger) throws SQLException {
        String id = UUID.randomUUID().toString();
        try (Connection connection = connector.open(); PreparedStatement insert = connection.prepareStatement(INSERT)) {
            int position = 0;
            for (CheckResult result : check.results()) {
                insert.setString(1, check.domain());
                insert.setObject(2, Sql.utc(check.checkedAt()));
                insert.setString(3, id);
                insert.setInt(4, position++);
                insert.setString(5, trigger.code());
                insert.setString(6, result.check().code());
                insert.setString(7, result.target());
                insert.setString(8, result.resultType().code());
                insert.setString(9, result.detail());
                insert.setObject(10, List.copyOf(result.facts().keySet()));
                insert.setObject(11, List.copyOf(result.facts().values()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The newest check of a domain. */
    public Optional<DomainCheck> latest(String domain) throws SQLException {
        // the driver binds instants as nanoseconds since the epoch, which a signed 64-bit number holds until 2262
        return between(domain, Instant.EPOCH, Instant.parse("2200-01-01T00:00:00Z"), 1).stream().findFirst();
    }

    /** The newest {@code limit} checks of a domain that started in {@code [from, to]}, newest first. */
    public List<DomainCheck> between(String domain, Instant from, Instant to, int limit) throws SQLException {
        try (Connection connection = connector.open(); PreparedStatement select = connection.prepareStatement(BETWEEN)) {
            select.setString(1, domain);
            select.setString(2, domain);
            select.setObject(3, Sql.utc(from));
            select.setObject(4, Sql.utc(to));
            select.setInt(5, limit);
            try (ResultSet rows = select.executeQuery()) {
                return checks(rows);
            }
        }
    }

    /**
     * The newest {@code perDomain} checks since {@code since} of every domain {@code scope} allows, newest first,
     * by domain.
     */
    public Map<String, List<DomainCheck>> recent(Scope scope, Instant since, int perDomain) throws SQLException {
        List<String> domains = scope.allDomains() ? List.of() : List.copyOf(scope.domains());
        if (!scope.allDomains() && domains.isEmpty()) {
            return Map.of();
        }
        String filter = scope.allDomains() ? "1 = 1" : "policy_domain IN (" + Sql.placeholders(domains.size()) + ")";
        Map<String, List<DomainCheck>> recent = new TreeMap<>();
        try (Connection connection = connector.open();
                PreparedStatement select = connection.prepareStatement(RECENT.formatted(filter))) {
            int i = 0;
            select.setObject(++i, Sql.utc(since));
            for (String domain : domains) {
                select.setString(++i, domain);
            }
            select.setInt(++i, perDomain);
            try (ResultSet rows = select.executeQuery()) {
                for (DomainCheck check : checks(rows)) {
                    recent.computeIfAbsent(check.domain(), d -> new ArrayList<>()).add(check);
                }
            }
        }
        return recent;
    }

    /** The newest check of one domain in short: when, and the result types not ok (empty: all ok). */
    public record Status(String domain, Instant checkedAt, List<String> failing) {
        public Status {
            failing = List.copyOf(failing);
        }
    }

    /** The newest check of each domain {@code scope} allows, at most {@code limit} domains, by name. */
    public List<Status> now(Scope scope, int limit) throws SQLException {
        List<Status> statuses = new ArrayList<>();
        try (Connection connection = connector.open(); PreparedStatement select = connection.prepareStatement(NOW)) {
            select.setBoolean(1, scope.allDomains());
            select.setObject(2, List.copyOf(scope.domains()));
            select.setInt(3, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    statuses.add(new Status(rows.getString("policy_domain"), Sql.instant(rows, "checked_at"),
                            Sql.strings(rows, "failing")));
                }
            }
        }
        return statuses;
    }

    /** When each domain was last checked. */
    public Map<String, Instant> lastChecked() throws SQLException {
        Map<String, Instant> last = new HashMap<>();
        try (Connection connection = connector.open();
                PreparedStatement select = connection.prepareStatement(LAST_CHECKED);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                last.put(rows.getString("policy_domain"), Sql.instant(rows, "last_checked"));
            }
        }
        return last;
    }

    /** The MTA-STS policy the newest check that fetched one saw, so the next can tell sts-policy-id-unchanged. */
    public Optional<PolicySeen> policySeen(String domain) throws SQLException {
        try (Connection connection = connector.open();
                PreparedStatement select = connection.prepareStatement(POLICY_SEEN)) {
            select.setString(1, domain);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                Map<String, String> facts = facts(rows);
                String id = facts.get("id");
                return id == null ? Optional.empty() : Optional.of(new PolicySeen(id, facts.get("sha256")));
            }
        }
    }

    private static List<DomainCheck> checks(ResultSet rows) throws SQLException {
        List<DomainCheck> checks = new ArrayList<>();
        String currentId = null;
        String domain = null;
        Instant checkedAt = null;
        List<CheckResult> results = new ArrayList<>();
        while (rows.next()) {
            String id = rows.getString("check_id");
            if (!id.equals(currentId)) {
                if (currentId != null) {
                    checks.add(new DomainCheck(domain, checkedAt, results));
                }
                currentId = id;
                domain = rows.getString("policy_domain");
                checkedAt = Sql.instant(rows, "checked_at");
                results = new ArrayList<>();
            }
            Optional<CheckResult> result = result(rows);
            result.ifPresent(results::add);
        }
        if (currentId != null) {
            checks.add(new DomainCheck(domain, checkedAt, results));
        }
        return checks;
    }

    /** A row as a result; rows of a check or result type this version does not know (a newer writer) are skipped. */
    private static Optional<CheckResult> result(ResultSet rows) throws SQLException {
        Optional<Check> check = checkOf(rows.getString("check_name"));
        Optional<ResultType> type = ResultType.ofCode(rows.getString("result_type"));
        if (check.isEmpty() || type.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CheckResult(check.get(), rows.getString("target"), type.get(),
                rows.getString("detail"), facts(rows)));
    }

    private static Map<String, String> facts(ResultSet rows) throws SQLException {
        List<String> names = Sql.strings(rows, "fact_names");
        List<String> values = Sql.strings(rows, "fact_values");
        Map<String, String> facts = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(names.size(), values.size()); i++) {
            facts.put(names.get(i), values.get(i));
        }
        return facts;
    }

    static Optional<Check> checkOf(String code) {
        for (Check check : Check.values()) {
            if (check.code().equals(code)) {
                return Optional.of(check);
            }
        }
        return Optional.empty();
    }
}
