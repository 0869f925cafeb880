package org.tlsrpt.api.alert.webhook;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import org.tlsrpt.api.alert.Alerts;
import org.tlsrpt.api.auth.Caller;

/** {@code /api/v1/webhooks}: the caller's webhooks and their delivery log (see docs/alerts.md). */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class WebhookResource {

    @Inject
    Caller caller;

    @Inject
    Alerts alerts;

    /** The answer carries the secret; no later answer does. */
    @POST
    public Response create(WebhookInput input) throws SQLException {
        Webhook webhook = alerts.webhooks().create(caller.scope(), input);
        return Response.created(URI.create("/api/v1/webhooks/" + webhook.id()))
                .entity(WebhookView.withSecret(webhook)).build();
    }

    @GET
    public List<WebhookView> list() throws SQLException {
        return alerts.webhooks().list(caller.scope()).stream().map(WebhookView::of).toList();
    }

    @GET
    @Path("{id}")
    public WebhookView get(@PathParam("id") String id) throws SQLException {
        return WebhookView.of(alerts.webhooks().get(caller.scope(), id));
    }

    /** A {@code secret} in the body replaces the old one (and is not echoed). */
    @PUT
    @Path("{id}")
    public WebhookView update(@PathParam("id") String id, WebhookInput input) throws SQLException {
        return WebhookView.of(alerts.webhooks().update(caller.scope(), id, input));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) throws SQLException {
        alerts.webhooks().delete(caller.scope(), id);
        return Response.noContent().build();
    }

    /** The newest delivery attempts first. */
    @GET
    @Path("{id}/deliveries")
    public List<DeliveryAttempt> deliveries(@PathParam("id") String id,
            @QueryParam("limit") @DefaultValue("100") int limit) throws SQLException {
        return alerts.webhooks().deliveries(caller.scope(), id, limit);
    }
}
