package org.tlsrpt.api.alert.webhook;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.sql.SQLException;
import java.util.List;
import org.tlsrpt.api.alert.Alerts;
import org.tlsrpt.api.owned.OwnedEntities;
import org.tlsrpt.api.owned.OwnedResource;

/**
 * {@code /api/v1/webhooks}: the caller's webhooks and their delivery log (see docs/alerts.md). The answer to
 * {@code POST} carries the secret; no later answer does. A {@code secret} in a {@code PUT} body replaces the old one
 * (and is not echoed).
 */
@Path("/api/v1/webhooks")
public class WebhookResource extends OwnedResource<WebhookInput, Webhook, WebhookView> {

    @Inject
    Alerts alerts;

    @Override
    protected OwnedEntities<WebhookInput, Webhook> entities() {
        return alerts.webhooks();
    }

    @Override
    protected WebhookView view(Webhook webhook) {
        return WebhookView.of(webhook);
    }

    @Override
    protected WebhookView created(Webhook webhook) {
        return WebhookView.withSecret(webhook);
    }

    /** The newest delivery attempts first. */
    @GET
    @Path("{id}/deliveries")
    public List<DeliveryAttempt> deliveries(@PathParam("id") String id,
            @QueryParam("limit") @DefaultValue("100") int limit) throws SQLException {
        return alerts.webhooks().deliveries(caller.scope(), id, limit);
    }
}
