package org.tlsrpt.api.alert;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.api.owned.VersionedStore;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.Sql;

/** Alert rules as rows of {@code alert_rules} (V010), versioned and soft-deleted. */
final class AlertRuleRows implements VersionedStore.Columns<AlertRule> {

    private static final VersionedStore.Table TABLE = new VersionedStore.Table("alert_rules", "owner_all",
            "owner_domains", true, List.of("name", "kind", "domain", "threshold", "window_hours", "min_sessions",
            "silent_days", "factor", "baseline_days", "min_failures", "webhook_ids", "notify_resolved", "enabled",
            "created_at", "updated_at"));

    static VersionedStore<AlertRule> store(ClickHouseConnector connector, Clock clock) {
        return new VersionedStore<>(connector, clock, TABLE, new AlertRuleRows());
    }

    @Override
    public void bind(AlertRule rule, PreparedStatement insert, int first) throws SQLException {
        int i = first - 1;
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
    }

    @Override
    public AlertRule read(ResultSet rows, Scope owner) throws SQLException {
        return new AlertRule(rows.getString("id"), rows.getString("name"), RuleKind.of(rows.getString("kind")),
                rows.getString("domain"), owner, rows.getDouble("threshold"),
                Duration.ofHours(rows.getLong("window_hours")), rows.getLong("min_sessions"),
                rows.getInt("silent_days"), rows.getDouble("factor"), rows.getInt("baseline_days"),
                rows.getLong("min_failures"), Sql.strings(rows, "webhook_ids"), rows.getBoolean("notify_resolved"),
                rows.getBoolean("enabled"), Sql.instant(rows, "created_at"), Sql.instant(rows, "updated_at"));
    }
}
