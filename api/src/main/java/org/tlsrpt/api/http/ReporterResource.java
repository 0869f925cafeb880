package org.tlsrpt.api.http;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tlsrpt.api.ApiConfig;
import org.tlsrpt.api.auth.Caller;
import org.tlsrpt.api.query.Reporter;
import org.tlsrpt.api.query.ReporterQuery;

/** Who reports on which domain; {@code silentSince} when a daily reporter stopped. */
@Path("/api/v1/reporters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reporters")
@SecurityRequirement(name = ApiDocument.BEARER)
public class ReporterResource {

    @Inject
    Caller caller;

    @Inject
    ApiConfig config;

    @Inject
    ReporterQuery reporters;

    @GET
    @Produces({MediaType.APPLICATION_JSON, CsvExport.CSV})
    @Operation(summary = "Reporting organisations per domain, with reports seen, last report and silentSince",
            description = "A reporter is daily when it reported on at least 3 days and on at least half of the "
                    + "days between its first and last report; silentSince is the first day without a report "
                    + "once it missed a day that should have arrived (a report for day D arrives during D+1)"
                    + DomainResource.CSV)
    public List<Reporter> list(@QueryParam("domain") @Parameter(description = "one domain (default: all the "
                    + "token covers)") String domain,
            @QueryParam("from") @Parameter(description = DomainResource.FROM) String from,
            @QueryParam("to") @Parameter(description = DomainResource.TO) String to) {
        String name = Parameters.optionalDomain("domain", domain, caller.scope());
        return reporters.reporters(caller.scope(), name, DomainResource.period(from, to, config),
                LocalDate.now(ZoneOffset.UTC));
    }
}
