package org.tlsrpt.api.http;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tlsrpt.api.ApiConfig;
import org.tlsrpt.api.query.QuarantinePage;
import org.tlsrpt.api.query.QuarantineQuery;
import org.tlsrpt.api.auth.Caller;

/**
 * Quarantined items. What is in quarantine could not be read as a report, so nothing says which domain it is
 * about, and it may hold anyone's data: only tokens for all domains see it (403 for scoped tokens).
 */
@Path("/api/v1/quarantine")
@Tag(name = "quarantine")
@SecurityRequirement(name = ApiDocument.BEARER)
public class QuarantineResource {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    @Inject
    Caller caller;

    @Inject
    ApiConfig config;

    @Inject
    QuarantineQuery quarantine;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Quarantined items received in the period, newest first, with reason and coordinates")
    public QuarantinePage list(@QueryParam("from") @Parameter(description = DomainResource.FROM) String from,
            @QueryParam("to") @Parameter(description = DomainResource.TO) String to,
            @QueryParam("limit") @Parameter(description = "page size (default 100, at most 1000)") String limit,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor) {
        unrestricted();
        return quarantine.list(DomainResource.period(from, to, config), Parameters.cursor(cursor),
                Parameters.limit(limit, config));
    }

    @GET
    @Path("{sha256}/raw")
    @Operation(summary = "The kept bytes of a quarantined item")
    public Response raw(@PathParam("sha256") String sha256) {
        unrestricted();
        if (!SHA256.matcher(sha256).matches()) {
            return Problem.notFound("a quarantined item is named by its SHA-256, 64 lower-case hex digits");
        }
        return quarantine.raw(sha256)
                .map(raw -> RawDownload.of(raw.bytes(), raw.mediaType(), sha256))
                .orElseGet(() -> Problem.notFound("no quarantined item " + sha256));
    }

    private void unrestricted() {
        if (!caller.scope().allDomains()) {
            throw new OutOfScopeException("quarantined items belong to no known domain: only tokens for all "
                    + "domains may see them");
        }
    }
}
