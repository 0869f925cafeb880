package org.tlsrpt.api.alert.webhook;

import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import org.tlsrpt.storage.Sql;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.api.owned.VersionedStore;
import org.tlsrpt.storage.ClickHouseConnector;

/** Webhooks as rows of {@code webhooks} (V010), versioned and soft-deleted. */
public final class WebhookRows implements VersionedStore.Columns<Webhook> {

    private static final VersionedStore.Table TABLE = new VersionedStore.Table("webhooks", "owner_all",
            "owner_domains", true, List.of("name", "url", "format", "secret", "created_at", "updated_at"));

    public static VersionedStore<Webhook> store(ClickHouseConnector connector, Clock clock) {
        return new VersionedStore<>(connector, clock, TABLE, new WebhookRows());
    }

    @Override
    public void bind(Webhook webhook, PreparedStatement insert, int first) throws SQLException {
        int i = first - 1;
        insert.setString(++i, webhook.name());
        insert.setString(++i, webhook.url().toString());
        insert.setString(++i, webhook.format().configName());
        insert.setString(++i, webhook.secret());
        insert.setObject(++i, Sql.utc(webhook.createdAt()));
        insert.setObject(++i, Sql.utc(webhook.updatedAt()));
    }

    @Override
    public Webhook read(ResultSet rows, Scope owner) throws SQLException {
        return new Webhook(rows.getString("id"), rows.getString("name"), URI.create(rows.getString("url")),
                WebhookFormat.of(rows.getString("format")), rows.getString("secret"), owner,
                Sql.instant(rows, "created_at"), Sql.instant(rows, "updated_at"));
    }
}
