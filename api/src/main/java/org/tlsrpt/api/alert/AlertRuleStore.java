package org.tlsrpt.api.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.Sql;

/** Alert rules in ClickHouse ({@code alert_rules}, V010): each change is a new row version, read with FINAL. */
public final class AlertRuleStore {

    private static final String INSERT = """
            INSERT INTO alert_rules (id, version, deleted, owner_all, owner_domains, name, kind, domain, threshold,
                                     window_hours, min_sessions, silent_days, factor, baseline_days, min_failures,
                                     webhook_ids, notify_resolved, enabled, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    private static final String SELECT = """
            SELECT id, owner_all, owner_domains, name, kind, domain, threshold, window_hours, min_sessions,
                   silent_days, factor, baseline_days, min_failures, webhook_ids, notify_resolved, enabled,
                   created_at, updated_at
            FROM alert_rules FINAL
            WHERE deleted = 0
            """;

    private final ClickHouseConnector connector;
    private final Clock clock;

    public AlertRuleStore(ClickHouseConnector connector, Clock clock) {
        this.connector = connector;
        this.clock = clock;
    }

    public void save(AlertRule rule) throws SQLException {
        write(rule, false);
    }

    public void delete(AlertRule rule) throws SQLException {
        write(rule, true);
    }

    private void write(AlertRule rule, boolean deleted) throws SQLException {
        try (Connection connection = connector.open(); PreparedStatement insert = connection.prepareStatement(INSERT)) {
            int i = 0;
            insert.setString(++i, rule.id());
            insert.setLong(++i, Versions.next(clock));
            insert.setInt(++i, deleted ? 1 : 0);
            insert.setBoolean(++i, rule.owner().allDomains());
            insert.setObject(++i, List.copyOf(rule.owner().domains()));
            insert.setString(++i, rule.name());
            insert.setString(++i, rule.kind().apiName());
            Sql.nullableString(insert, ++i, rule.domain());
            insert.setDouble(++i, rule.threshold());
            insert.setLong(++i, rule.window().toHours());
            insert.setLong(++i, rule.minSessions());
            insert.setInt(++i, rule.silentDays());
            insert.setDouble(++i, rule.factor());
            insert.setInt(++i, rule.baselineDays());
            insert.setLong(++i, rule.minFailures());
            insert.setObject(++i, rule.webhookIds());
            insert.setBoolean(++i, rule.notifyResolved());
            insert.setBoolean(++i, rule.enabled());
            insert.setObject(++i, Sql.utc(rule.createdAt()));
            insert.setObject(++i, Sql.utc(rule.updatedAt()));
            insert.executeUpdate();
        }
    }

    public List<AlertRule> all() throws SQLException {
        return query(SELECT + " ORDER BY created_at, id", null);
    }

    public Optional<AlertRule> find(String id) throws SQLException {
        return query(SELECT + " AND id = ?", id).stream().findFirst();
    }

    private List<AlertRule> query(String sql, String id) throws SQLException {
        List<AlertRule> rules = new ArrayList<>();
        try (Connection connection = connector.open(); PreparedStatement select = connection.prepareStatement(sql)) {
            if (id != null) {
                select.setString(1, id);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Scope owner = rows.getBoolean("owner_all") ? Scope.all()
                            : Scope.of(Sql.strings(rows, "owner_domains"));
                    rules.add(new AlertRule(rows.getString("id"), rows.getString("name"),
                            RuleKind.of(rows.getString("kind")), rows.getString("domain"), owner,
                            rows.getDouble("threshold"), Duration.ofHours(rows.getLong("window_hours")),
                            rows.getLong("min_sessions"), rows.getInt("silent_days"), rows.getDouble("factor"),
                            rows.getInt("baseline_days"), rows.getLong("min_failures"),
                            Sql.strings(rows, "webhook_ids"), rows.getBoolean("notify_resolved"),
                            rows.getBoolean("enabled"), Sql.instant(rows, "created_at"),
                            Sql.instant(rows, "updated_at")));
                }
            }
        }
        return rules;
    }
}
