package org.tlsrpt.api.http;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tlsrpt.api.ApiConfig;
import org.tlsrpt.api.auth.Caller;
import org.tlsrpt.api.check.CheckHistory;
import org.tlsrpt.api.check.DomainChecks;
import org.tlsrpt.api.query.QueryFailedException;

/** The newest check of every domain the token covers, in short: the dashboard's overview flags failing domains. */
@Path("/api/v1/checks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "checks")
@SecurityRequirement(name = ApiDocument.BEARER)
public class CheckOverviewResource {

    @Inject
    Caller caller;

    @Inject
    ApiConfig config;

    @Inject
    DomainChecks checks;

    @GET
    @Operation(summary = "Per domain the newest check: when, and the result types that are not ok (empty: all ok)")
    public List<CheckHistory.Status> now(
            @QueryParam("limit") @Parameter(description = "most domains returned (default 100)") String limit) {
        try {
            return checks.history().now(caller.scope(), Parameters.limit(limit, config));
        } catch (SQLException e) {
            throw new QueryFailedException(e);
        }
    }
}
