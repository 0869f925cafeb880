package org.tlsrpt.api.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.Sql;

/** The state of every condition ({@code alert_state}, V011): the latest version per rule and key wins. */
public final class AlertStateStore {

    private static final String SELECT = """
            SELECT rule_id, condition_key, active, sequence, domain, summary, changed_at
            FROM alert_state FINAL
            """;
    private static final String INSERT = """
            INSERT INTO alert_state (rule_id, condition_key, version, active, sequence, domain, summary, changed_at)
            SETTINGS async_insert = 0
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """;

    private final ClickHouseConnector connector;
    private final Clock clock;

    public AlertStateStore(ClickHouseConnector connector, Clock clock) {
        this.connector = connector;
        this.clock = clock;
    }

    /** rule id → condition key → state. */
    public Map<String, Map<String, ConditionState>> all() throws SQLException {
        Map<String, Map<String, ConditionState>> states = new HashMap<>();
        try (Connection connection = connector.open(); PreparedStatement select = connection.prepareStatement(SELECT);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ConditionState state = new ConditionState(rows.getString("rule_id"), rows.getString("condition_key"),
                        rows.getBoolean("active"), rows.getInt("sequence"), rows.getString("domain"),
                        rows.getString("summary"), Sql.instant(rows, "changed_at"));
                states.computeIfAbsent(state.ruleId(), id -> new HashMap<>()).put(state.key(), state);
            }
        }
        return states;
    }

    public void save(ConditionState state) throws SQLException {
        try (Connection connection = connector.open(); PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, state.ruleId());
            insert.setString(2, state.key());
            insert.setLong(3, Versions.next(clock));
            insert.setBoolean(4, state.active());
            insert.setInt(5, state.sequence());
            insert.setString(6, state.domain());
            insert.setString(7, state.summary());
            insert.setObject(8, Sql.utc(state.changedAt()));
            insert.executeUpdate();
        }
    }
}
