package org.tlsrpt.api.alert.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.tlsrpt.storage.Sql;
import org.tlsrpt.storage.ClickHouseConnector;

/** Delivery attempts in ClickHouse ({@code webhook_deliveries}, V011), kept 30 days. */
public final class DeliveryLog {

    private static final String INSERT = """
            INSERT INTO webhook_deliveries (webhook_id, delivery_id, event_id, rule_id, event, attempt, attempted_at,
                                            status, outcome, error, duration_ms)
            SETTINGS async_insert = 0
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    private static final String SELECT = """
            SELECT webhook_id, delivery_id, event_id, rule_id, event, attempt, attempted_at, status, outcome, error,
                   duration_ms
            FROM webhook_deliveries
            WHERE webhook_id = ?
            ORDER BY attempted_at DESC, delivery_id, attempt DESC
            LIMIT ?
            """;

    private final ClickHouseConnector connector;

    public DeliveryLog(ClickHouseConnector connector) {
        this.connector = connector;
    }

    public void record(DeliveryAttempt attempt) throws SQLException {
        try (Connection connection = connector.open(); PreparedStatement insert = connection.prepareStatement(INSERT)) {
            int i = 0;
            insert.setString(++i, attempt.webhookId());
            insert.setString(++i, attempt.deliveryId());
            insert.setString(++i, attempt.eventId());
            insert.setString(++i, attempt.ruleId());
            insert.setString(++i, attempt.event());
            insert.setInt(++i, attempt.attempt());
            insert.setObject(++i, Sql.utc(attempt.attemptedAt()));
            insert.setInt(++i, attempt.status());
            insert.setString(++i, attempt.outcome());
            insert.setString(++i, attempt.error());
            insert.setLong(++i, attempt.durationMs());
            insert.executeUpdate();
        }
    }

    /** The newest attempts first. */
    public List<DeliveryAttempt> recent(String webhookId, int limit) throws SQLException {
        List<DeliveryAttempt> attempts = new ArrayList<>();
        try (Connection connection = connector.open(); PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, webhookId);
            select.setInt(2, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    attempts.add(new DeliveryAttempt(rows.getString("webhook_id"), rows.getString("delivery_id"),
                            rows.getString("event_id"), rows.getString("rule_id"), rows.getString("event"),
                            rows.getInt("attempt"), Sql.instant(rows, "attempted_at"), rows.getInt("status"),
                            rows.getString("outcome"), rows.getString("error"), rows.getLong("duration_ms")));
                }
            }
        }
        return attempts;
    }
}
