package org.tlsrpt.api.alert.webhook;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tlsrpt.storage.Sql;
import org.tlsrpt.api.alert.Versions;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.storage.ClickHouseConnector;

/** Webhooks in ClickHouse ({@code webhooks}, V010): each change is a new row version, read back with FINAL. */
public final class WebhookStore {

    private static final String INSERT = """
            INSERT INTO webhooks (id, version, deleted, owner_all, owner_domains, name, url, format, secret,
                                  created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    private static final String SELECT = """
            SELECT id, owner_all, owner_domains, name, url, format, secret, created_at, updated_at
            FROM webhooks FINAL
            WHERE deleted = 0
            """;

    private final ClickHouseConnector connector;
    private final Clock clock;

    public WebhookStore(ClickHouseConnector connector, Clock clock) {
        this.connector = connector;
        this.clock = clock;
    }

    public void save(Webhook webhook) throws SQLException {
        write(webhook, false);
    }

    public void delete(Webhook webhook) throws SQLException {
        write(webhook, true);
    }

    private void write(Webhook webhook, boolean deleted) throws SQLException {
        try (Connection connection = connector.open(); PreparedStatement insert = connection.prepareStatement(INSERT)) {
            int i = 0;
            insert.setString(++i, webhook.id());
            insert.setLong(++i, Versions.next(clock));
            insert.setInt(++i, deleted ? 1 : 0);
            insert.setBoolean(++i, webhook.owner().allDomains());
            insert.setObject(++i, List.copyOf(webhook.owner().domains()));
            insert.setString(++i, webhook.name());
            insert.setString(++i, webhook.url().toString());
            insert.setString(++i, webhook.format().configName());
            insert.setString(++i, webhook.secret());
            insert.setObject(++i, Sql.utc(webhook.createdAt()));
            insert.setObject(++i, Sql.utc(webhook.updatedAt()));
            insert.executeUpdate();
        }
    }

    public List<Webhook> all() throws SQLException {
        return query(SELECT + " ORDER BY created_at, id", null);
    }

    public Optional<Webhook> find(String id) throws SQLException {
        return query(SELECT + " AND id = ?", id).stream().findFirst();
    }

    private List<Webhook> query(String sql, String id) throws SQLException {
        List<Webhook> webhooks = new ArrayList<>();
        try (Connection connection = connector.open(); PreparedStatement select = connection.prepareStatement(sql)) {
            if (id != null) {
                select.setString(1, id);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    boolean all = rows.getBoolean("owner_all");
                    Scope owner = all ? Scope.all() : Scope.of(Sql.strings(rows, "owner_domains"));
                    webhooks.add(new Webhook(rows.getString("id"), rows.getString("name"),
                            URI.create(rows.getString("url")), WebhookFormat.of(rows.getString("format")),
                            rows.getString("secret"), owner, Sql.instant(rows, "created_at"),
                            Sql.instant(rows, "updated_at")));
                }
            }
        }
        return webhooks;
    }
}
