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
import org.tlsrpt.api.query.Granularity;
import org.tlsrpt.api.query.Period;

/** Domains, their daily sessions per policy type, and their failures broken down. */
@Path("/api/v1/domains")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "domains")
@SecurityRequirement(name = ApiDocument.BEARER)
public class DomainResource {

    static final String FROM = "first UTC day, YYYY-MM-DD (default: the 30 days ending at to)";
    static final String TO = "last UTC day, YYYY-MM-DD, included (default: today)";
    static final String GRANULARITY = "day (default) or month: what one entry of days covers";
    static final String CSV = "; text/csv with Accept: text/csv or format=csv (same rows, one column per field)";

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
    @Produces({MediaType.APPLICATION_JSON, CsvExport.CSV})
    @Operation(summary = "Domains with reports in the period, with session totals",
            description = "Sessions of one reporter on one day count once, from the policy type with most of them "
                    + "(sts and tlsa of one report are the same sessions). Only domains the token covers" + CSV)
    public List<DomainTotals> list(@QueryParam("from") @Parameter(description = FROM) String from,
            @QueryParam("to") @Parameter(description = TO) String to) {
        return domains.domains(caller.scope(), period(from, to, config));
    }

    @GET
    @Path("{domain}/summary")
    @Operation(summary = "Sessions of one domain per policy type and per day (or month) and policy type",
            description = "With granularity=month each entry of days is one month, dated by its first day, and the "
                    + "range may cover ten years; by day it covers at most tlsrpt.api.max-range-days.")
    public DomainSummary summary(@PathParam("domain") String domain,
            @QueryParam("from") @Parameter(description = FROM) String from,
            @QueryParam("to") @Parameter(description = TO) String to,
            @QueryParam("granularity") @Parameter(description = GRANULARITY) String granularity) {
        String name = Parameters.domain("domain", domain, caller.scope());
        Granularity bucket = Granularity.parse(granularity, Granularity.DAY);
        return summaries.summary(name, period(from, to, config, bucket), bucket);
    }

    @GET
    @Path("{domain}/failures")
    @Produces({MediaType.APPLICATION_JSON, CsvExport.CSV})
    @Operation(summary = "Failed sessions of one domain grouped by the given keys and policy type, largest first",
            description = "Sums of failure-details' failed-session-count, which may be less than the policies' "
                    + "failure totals (senders truncate details). With granularity, rows are per day or month "
                    + "(field day or month), in order, largest first within each, limit rows each; by month the "
                    + "range may cover ten years, with keys of the daily aggregate (result-type, sending-mta-ip, "
                    + "receiving-mx-hostname) once it is longer than tlsrpt.api.max-range-days" + CSV)
    public List<Map<String, Object>> failures(@PathParam("domain") String domain,
            @QueryParam("from") @Parameter(description = FROM) String from,
            @QueryParam("to") @Parameter(description = TO) String to,
            @QueryParam("by") @Parameter(description = "one or more of result-type, sending-mta-ip, "
                    + "receiving-mx-hostname, receiving-ip, organization, failure-reason-code; repeated or comma "
                    + "separated (default result-type)") List<String> by,
            @QueryParam("limit") @Parameter(description = "most rows returned (default 100)") String limit,
            @QueryParam("granularity") @Parameter(description = "day or month: rows per day or month (default: "
                    + "totals over the range)") String granularity) {
        String name = Parameters.domain("domain", domain, caller.scope());
        List<FailureKey> keys = FailureKey.parse(by);
        Granularity bucket = Granularity.parse(granularity, null);
        Period period = period(from, to, config, bucket == null ? Granularity.DAY : bucket);
        FailureKey.requireDailyAggregate(keys, period, config.maxRangeDays());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (FailureRow row : failures.breakdown(name, period, keys, bucket, Parameters.limit(limit, config))) {
            Map<String, Object> fields = new LinkedHashMap<>();
            if (bucket != null) {
                fields.put(bucket.requestName(), row.bucket().toString());
            }
            fields.putAll(row.keys());
            fields.put("policyType", row.policyType());
            fields.put("failedSessions", row.failedSessions());
            rows.add(fields);
        }
        return rows;
    }

    static Period period(String from, String to, ApiConfig config) {
        return period(from, to, config, Granularity.DAY);
    }

    /** By month a range may cover ten years; by day (and for totals) at most the configured days. */
    static Period period(String from, String to, ApiConfig config, Granularity granularity) {
        return Period.parse(from, to, LocalDate.now(ZoneOffset.UTC), config.defaultRangeDays(),
                granularity.maxRangeDays(config.maxRangeDays()));
    }
}
