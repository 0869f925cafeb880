package org.tlsrpt.api.http;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tlsrpt.api.ApiConfig;
import org.tlsrpt.api.auth.Caller;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.api.query.RawReport;
import org.tlsrpt.api.query.ReportDetail;
import org.tlsrpt.api.query.ReportListQuery;
import org.tlsrpt.api.query.ReportPage;
import org.tlsrpt.api.query.ReportQuery;

/**
 * Report lists, one report, and its raw bytes. A report is visible when the token's scope covers every policy domain of
 * any one of its versions, and then only with the versions it covers; its raw bytes only when the scope covers every
 * report read from the same bytes. A key the token may
 * not see is answered exactly as an unknown key (404, same problem document), so keys reveal nothing.
 */
@Path("/api/v1/reports")
@Tag(name = "reports")
@SecurityRequirement(name = ApiDocument.BEARER)
public class ReportResource {

    @Inject
    Caller caller;

    @Inject
    ApiConfig config;

    @Inject
    ReportListQuery lists;

    @Inject
    ReportQuery reports;

    @GET
    @Produces({MediaType.APPLICATION_JSON, CsvExport.CSV})
    @Operation(summary = "Reports of the period, newest day first, a page at a time (follow nextCursor)",
            description = "As CSV (Accept: text/csv or format=csv) one row per report; the next page's cursor is "
                    + "in the X-Next-Cursor header.")
    public ReportPage list(@QueryParam("domain") @Parameter(description = "one policy domain") String domain,
            @QueryParam("organization") @Parameter(description = "exact organization-name") String organization,
            @QueryParam("from") @Parameter(description = DomainResource.FROM) String from,
            @QueryParam("to") @Parameter(description = DomainResource.TO) String to,
            @QueryParam("limit") @Parameter(description = "page size (default 100, at most 1000)") String limit,
            @QueryParam("cursor") @Parameter(description = "nextCursor of the previous page") String cursor) {
        Scope scope = caller.scope();
        return lists.list(scope, Parameters.optionalDomain("domain", domain, scope),
                Parameters.optionalText("organization", organization), DomainResource.period(from, to, config),
                Parameters.cursor(cursor), Parameters.limit(limit, config));
    }

    @GET
    @Path("{key}")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "One report: canonical JSON, envelope, DKIM verdict, findings, and every version of its "
            + "identity (identityConflict when contents differ)")
    public Response report(@PathParam("key") String key) {
        if (!ReportQuery.KEY.matcher(key).matches()) {
            return Problem.notFound("a report key is 32 lower-case hex digits");
        }
        // only the versions whose domains the caller's scope covers exist for it (a forgery naming other domains
        // neither hides the report from its tenant nor shows itself to it)
        Optional<ReportDetail> report = reports.find(key, caller.scope());
        if (report.isEmpty()) {
            return Problem.notFound("no report " + key);
        }
        return Response.ok(report.get(), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("{key}/raw")
    @Operation(summary = "The bytes the report arrived in, with their media type")
    public Response raw(@PathParam("key") String key) {
        if (!ReportQuery.KEY.matcher(key).matches()) {
            return Problem.notFound("a report key is 32 lower-case hex digits");
        }
        Optional<RawReport> raw = reports.raw(key, caller.scope())
                .filter(found -> found.sharedDomains().stream().allMatch(caller.scope()::allowsAll));
        if (raw.isEmpty()) {
            return Problem.notFound("no raw bytes for report " + key + " (unknown, or past raw retention)");
        }
        return RawDownload.of(raw.get().bytes(), raw.get().mediaType(), key);
    }
}
