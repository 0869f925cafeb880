package org.tlsrpt.api.http;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tlsrpt.api.ApiConfig;
import org.tlsrpt.api.auth.Caller;
import org.tlsrpt.api.query.DomainListQuery;
import org.tlsrpt.api.query.DomainSummary;
import org.tlsrpt.api.query.DomainSummaryQuery;
import org.tlsrpt.api.query.DomainTotals;
import org.tlsrpt.api.query.FailureBreakdownQuery;
import org.tlsrpt.api.query.FailureKey;
import org.tlsrpt.api.query.FailureRow;
import org.tlsrpt.api.query.Period;

/** Domains, their daily sessions per policy type, and their failures broken down. */
@Path("/api/v1/domains")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "domains")
@SecurityRequirement(name = ApiDocument.BEARER)
public class DomainResource {

    static final String FROM = "first UTC day, YYYY-MM-DD (default: the 30 days ending at to)";
    static final String TO = "last UTC day, YYYY-MM-DD, included (default: today)";

    @Inject
    Caller caller;

    @Inject
    ApiConfig config;

    @Inject
    DomainListQuery domains;

    @Inject
    DomainSummaryQuery summaries;

    @Inject
    FailureBreakdownQuery failures;

    @GET
    @Operation(summary = "Domains with reports in the period, with session totals",
            description = "Sessions of one reporter on one day count once, from the policy type with most of them "
                    + "(sts and tlsa of one report are the same sessions). Only domains the token covers.")
    public List<DomainTotals> list(@QueryParam("from") @Parameter(description = FROM) String from,
            @QueryParam("to") @Parameter(description = TO) String to) {
        return domains.domains(caller.scope(), period(from, to, config));
    }

    @GET
    @Path("{domain}/summary")
    @Operation(summary = "Sessions of one domain per policy type and per day and policy type")
    public DomainSummary summary(@PathParam("domain") String domain,
            @QueryParam("from") @Parameter(description = FROM) String from,
            @QueryParam("to") @Parameter(description = TO) String to) {
        String name = Parameters.domain("domain", domain, caller.scope());
        return summaries.summary(name, period(from, to, config));
    }

    @GET
    @Path("{domain}/failures")
    @Operation(summary = "Failed sessions of one domain grouped by the given keys and policy type, largest first",
            description = "Sums of failure-details' failed-session-count, which may be less than the policies' "
                    + "failure totals (senders truncate details).")
    public List<Map<String, Object>> failures(@PathParam("domain") String domain,
            @QueryParam("from") @Parameter(description = FROM) String from,
            @QueryParam("to") @Parameter(description = TO) String to,
            @QueryParam("by") @Parameter(description = "one or more of result-type, sending-mta-ip, "
                    + "receiving-mx-hostname, receiving-ip, organization, failure-reason-code; repeated or comma "
                    + "separated (default result-type)") List<String> by,
            @QueryParam("limit") @Parameter(description = "most rows returned (default 100)") String limit) {
        String name = Parameters.domain("domain", domain, caller.scope());
        List<FailureKey> keys = FailureKey.parse(by);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (FailureRow row : failures.breakdown(name, period(from, to, config), keys,
                Parameters.limit(limit, config))) {
            Map<String, Object> fields = new LinkedHashMap<>(row.keys());
            fields.put("policyType", row.policyType());
            fields.put("failedSessions", row.failedSessions());
            rows.add(fields);
        }
        return rows;
    }

    static Period period(String from, String to, ApiConfig config) {
        return Period.parse(from, to, LocalDate.now(ZoneOffset.UTC), config.defaultRangeDays(),
                config.maxRangeDays());
    }
}
