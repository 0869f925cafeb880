package org.tlsrpt.api.alert;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import org.tlsrpt.api.auth.Caller;

/** {@code /api/v1/alert-rules}: the caller's alert rules (see docs/alerts.md). */
@Path("/api/v1/alert-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertRuleResource {

    @Inject
    Caller caller;

    @Inject
    Alerts alerts;

    @POST
    public Response create(RuleInput input) throws SQLException {
        AlertRule rule = alerts.rules().create(caller.scope(), input);
        return Response.created(URI.create("/api/v1/alert-rules/" + rule.id())).entity(RuleView.of(rule)).build();
    }

    @GET
    public List<RuleView> list() throws SQLException {
        return alerts.rules().list(caller.scope()).stream().map(RuleView::of).toList();
    }

    @GET
    @Path("{id}")
    public RuleView get(@PathParam("id") String id) throws SQLException {
        return RuleView.of(alerts.rules().get(caller.scope(), id));
    }

    @PUT
    @Path("{id}")
    public RuleView update(@PathParam("id") String id, RuleInput input) throws SQLException {
        return RuleView.of(alerts.rules().update(caller.scope(), id, input));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) throws SQLException {
        alerts.rules().delete(caller.scope(), id);
        return Response.noContent().build();
    }
}
