package org.tlsrpt.api.alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.Sql;

/**
 * A lease in ClickHouse ({@code alert_leases}, V011) so that one processor instance evaluates alert rules at a
 * time. ClickHouse has no compare-and-set: an instance takes a free or expired lease (or renews its own) by writing
 * a newer row, then reads back which row won. Two instances that write within the same moment can both believe they
 * hold it for one round; deliveries then carry the same event id ({@code X-Tlsrpt-Event-Id}) from both, so a
 * receiver can drop the duplicate (docs/alerts.md).
 */
public final class AlertLease {

    private static final String SELECT = """
            SELECT holder, expires_at FROM alert_leases FINAL WHERE name = ?
            """;
    private static final String INSERT = """
            INSERT INTO alert_leases (name, holder, expires_at, version) SETTINGS async_insert = 0 VALUES (?, ?, ?, ?)
            """;

    private final ClickHouseConnector connector;
    private final String name;
    private final String holder;
    private final Duration duration;
    private final Clock clock;

    public AlertLease(ClickHouseConnector connector, String name, String holder,
            Duration duration, Clock clock) {
        this.connector = connector;
        this.name = name;
        this.holder = holder;
        this.duration = duration;
        this.clock = clock;
    }

    /** Whether this holder has the lease now (taking or renewing it). */
    public boolean tryAcquire() throws SQLException {
        Instant now = clock.instant();
        try (Connection connection = connector.open()) {
            Current current = current(connection);
            if (current != null && !current.holder.equals(holder) && current.expiresAt.isAfter(now)) {
                return false;
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, name);
                insert.setString(2, holder);
                insert.setObject(3, Sql.utc(now.plus(duration)));
                insert.setLong(4, Versions.next(clock));
                insert.executeUpdate();
            }
            Current winner = current(connection);
            return winner != null && winner.holder.equals(holder);
        }
    }

    public String holder() {
        return holder;
    }

    private Current current(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? new Current(rows.getString("holder"), Sql.instant(rows, "expires_at")) : null;
            }
        }
    }

    private record Current(String holder, Instant expiresAt) {
    }
}
