package org.tlsrpt.api.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.tlsrpt.api.ApiConfig;
import org.tlsrpt.api.auth.Caller;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.api.check.DomainChecks;
import org.tlsrpt.api.check.Finding;
import org.tlsrpt.api.query.InvalidParameterException;
import org.tlsrpt.api.query.Period;
import org.tlsrpt.api.query.QueryFailedException;
import org.tlsrpt.checks.CheckResult;
import org.tlsrpt.checks.DomainCheck;
import org.tlsrpt.checks.DomainCheckJson;
import org.tlsrpt.checks.DomainName;
import org.tlsrpt.checks.Parsed;

/**
 * The live checks of a domain: the newest and their history, a check run now, and the diagnosis of the reported
 * failures beside them (docs/diagnosis.md). A domain outside the token's scope is answered 404, as an unknown path:
 * the checks would tell which domains this collector watches.
 */
@Path("/api/v1/domains")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "checks")
@SecurityRequirement(name = ApiDocument.BEARER)
public class CheckResource {

    private static final JsonFactory JSON = new JsonFactory();

    @Inject
    Caller caller;

    @Inject
    ApiConfig config;

    @Inject
    DomainChecks checks;

    @GET
    @Path("{domain}/checks")
    @Operation(summary = "The newest check of a domain, or with from/to its checks in those days, newest first",
            description = "{domain, checks: [...]}, each check as tlsrpt check-domain --json writes it (domain, "
                    + "checkedAt, ok, results); checks is empty for a domain not checked yet.")
    public Response list(@PathParam("domain") String domain,
            @QueryParam("from") @Parameter(description = DomainResource.FROM) String from,
            @QueryParam("to") @Parameter(description = DomainResource.TO) String to,
            @QueryParam("limit") @Parameter(description = "most checks returned (default 100)") String limit) {
        String name = domain(domain);
        List<DomainCheck> found;
        try {
            if (from == null && to == null) {
                found = checks.history().latest(name).map(List::of).orElse(List.of());
            } else {
                Period period = DomainResource.period(from, to, config);
                Instant start = period.from().atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant end = period.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
                found = checks.history().between(name, start, end, Parameters.limit(limit, config));
            }
        } catch (SQLException e) {
            throw new QueryFailedException(e);
        }
        return json(json -> {
            json.writeStartObject();
            json.writeStringField("domain", name);
            json.writeArrayFieldStart("checks");
            for (DomainCheck check : found) {
                DomainCheckJson.write(check, json);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    @POST
    @Path("{domain}/checks")
    @Operation(summary = "Checks a domain now and stores the check",
            description = "Once per tlsrpt.checks.run-now-spacing for each token and domain; sooner is answered 429 "
                    + "with Retry-After (seconds).")
    public Response runNow(@PathParam("domain") String domain) {
        String name = domain(domain);
        Optional<Duration> wait = checks.limit().tryStart(caller.tokenId(), name);
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            return Response.fromResponse(Problem.response(429, "Too Many Requests", "rate-limited",
                    name + " was checked for this token less than the allowed spacing ago", null))
                    .header("Retry-After", Long.toString(seconds)).build();
        }
        DomainCheck check;
        try {
            check = checks.runNow(name);
        } catch (SQLException e) {
            throw new QueryFailedException(e);
        }
        return json(json -> DomainCheckJson.write(check, json));
    }

    /** What a check's JSON is written with: the contract's own writer, {@link DomainCheckJson}. */
    @FunctionalInterface
    private interface JsonBody {
        void write(JsonGenerator json) throws java.io.IOException;
    }

    private static Response json(JsonBody body) {
        StreamingOutput output = out -> {
            try (JsonGenerator json = JSON.createGenerator(out)) {
                body.write(json);
            }
        };
        return Response.ok(output, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("{domain}/diagnosis")
    @Operation(summary = "Each failing (result type, receiving MX) in the reports beside the live checks of it",
            description = "verdict: fixed (with fixedSince), still-failing, not-reproduced (reports fail, checks "
                    + "from here pass) or unknown (no check looked at the same thing).")
    public Map<String, Object> diagnosis(@PathParam("domain") String domain,
            @QueryParam("from") @Parameter(description = DomainResource.FROM) String from,
            @QueryParam("to") @Parameter(description = DomainResource.TO) String to,
            @QueryParam("limit") @Parameter(description = "most failures returned (default 100)") String limit) {
        String name = domain(domain);
        Period period = DomainResource.period(from, to, config);
        List<Finding> findings;
        try {
            findings = checks.diagnosis(name, period.from(), period.to(), Parameters.limit(limit, config));
        } catch (SQLException e) {
            throw new QueryFailedException(e);
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (Finding finding : findings) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("resultType", finding.failure().resultType());
            item.put("receivingMx", finding.failure().receivingMx());
            item.put("sessions", finding.failure().sessions());
            item.put("firstSeen", finding.failure().firstSeen().toString());
            item.put("lastSeen", finding.failure().lastSeen().toString());
            item.put("reporters", finding.failure().reporters());
            item.put("verdict", finding.verdict().code());
            item.put("fixedSince", finding.fixedSince().map(Instant::toString).orElse(null));
            item.put("checkedAt", finding.checkedAt().map(Instant::toString).orElse(null));
            item.put("explanation", finding.explanation());
            List<Map<String, Object>> current = new ArrayList<>();
            for (CheckResult result : finding.current()) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("check", result.check().code());
                fields.put("target", result.target());
                fields.put("resultType", result.resultType().code());
                fields.put("detail", result.detail());
                current.add(fields);
            }
            item.put("current", current);
            items.add(item);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("domain", name);
        answer.put("from", period.from().toString());
        answer.put("to", period.to().toString());
        answer.put("failures", items);
        return answer;
    }

    /**
     * The domain in normal form; 400 for what the checks refuse to probe (a single label such as {@code localhost}
     * resolves through search domains to wherever the machine points it), 404 (not 403) outside the token's scope.
     */
    private String domain(String text) {
        String name = Parameters.domain("domain", text, Scope.all());
        Parsed<String> checkable = DomainName.parse(name);
        if (!checkable.valid()) {
            throw new InvalidParameterException("domain", "domain must be a policy domain: " + checkable.problem());
        }
        name = checkable.value();
        if (!caller.scope().allows(name)) {
            throw new WebApplicationException(Problem.notFound("no checks of " + name + " for this token"));
        }
        return name;
    }
}
