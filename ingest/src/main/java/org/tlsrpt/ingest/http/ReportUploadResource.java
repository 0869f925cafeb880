package org.tlsrpt.ingest.http;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.core.problem.RefusalCode;
import org.tlsrpt.ingest.Channel;
import org.tlsrpt.ingest.Intake;
import org.tlsrpt.ingest.IntakeMetrics;
import org.tlsrpt.ingest.IntakeRefusal;
import org.tlsrpt.ingest.IntakeResult;
import org.tlsrpt.ingest.ReportIntake;

/**
 * RFC 8460 §5.4 HTTPS submission: {@code POST /v1/reports} (and {@code POST /}) with the report as body.
 * {@code 201} only once Kafka acknowledged it; a report that cannot be read gets {@code 400} with a problem
 * document and its bytes are kept in quarantine. Body size is bounded by {@code quarkus.http.limits.max-body-size}
 * before and while reading (413 from the HTTP layer).
 */
@Path("/")
public class ReportUploadResource {

    static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    ReportIntake intake;

    @Inject
    ClientRateLimiter rateLimiter;

    @Inject
    IngestConfig config;

    @Inject
    IntakeMetrics metrics;

    @POST
    @Path("v1/reports")
    @Consumes(MediaType.WILDCARD)
    public Response upload(byte[] body, @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Content-Encoding") String contentEncoding, @Context HttpServerRequest request) {
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        // What the resource refuses itself it counts itself; the intake counts everything it is handed.
        if (!rateLimiter.tryAcquire(client)) {
            metrics.received(Channel.HTTP, body.length);
            metrics.refused(Channel.HTTP, IntakeRefusal.RATE_LIMITED);
            return problem(429, "too-many-requests", "$", "too many reports from " + client + "; retry later")
                    .header("Retry-After", rateLimiter.retryAfterSeconds()).build();
        }
        byte[] report = body;
        if (contentEncoding != null && contentEncoding.toLowerCase(Locale.ROOT).contains("gzip")) {
            report = gunzipBounded(body);
            if (report == null) {
                metrics.received(Channel.HTTP, body.length);
                metrics.refused(Channel.HTTP, IntakeRefusal.TOO_LARGE);
                return problem(413, RefusalCode.DECOMPRESSED_TOO_LARGE.code(), "$",
                        "the Content-Encoding gzip body is damaged or expands past "
                                + config.http().maxBodySize() + " bytes").build();
            }
        }
        Intake received = new Intake(Channel.HTTP, report, contentType, null, Instant.now(), client,
                Map.of("path", request.path(), "remote", client), null);
        return answer(intake.receive(received));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response uploadAtRoot(byte[] body, @HeaderParam("Content-Type") String contentType,
            @HeaderParam("Content-Encoding") String contentEncoding, @Context HttpServerRequest request) {
        return upload(body, contentType, contentEncoding, request);
    }

    private static Response answer(IntakeResult result) {
        if (result instanceof IntakeResult.Stored stored) {
            return Response.status(201).type(MediaType.APPLICATION_JSON)
                    .entity(UploadAnswer.of(stored.keys(), stored.findings())).build();
        }
        if (result instanceof IntakeResult.Quarantined quarantined) {
            Refusal reason = quarantined.reasons().get(0);
            int status = reason.code() == RefusalCode.UNSUPPORTED_FORMAT ? 415 : 400;
            return problem(status, reason.code().code(), reason.path(), reason.message() + " (kept in quarantine)")
                    .build();
        }
        if (result instanceof IntakeResult.NotAReport notAReport) {
            Refusal reason = notAReport.reason();
            return problem(400, reason.code().code(), reason.path(), reason.message()).build();
        }
        if (result instanceof IntakeResult.TooLarge tooLarge) {
            Refusal reason = tooLarge.reason();
            return problem(413, reason.code().code(), reason.path(), reason.message()).build();
        }
        if (result instanceof IntakeResult.Forbidden forbidden) {
            return problem(403, "forbidden", "$", forbidden.reason()).build();
        }
        if (result instanceof IntakeResult.OverQuota overQuota) {
            return problem(429, IntakeRefusal.QUOTA_EXCEEDED.code(), "$", overQuota.reason() + "; retry later")
                    .header("Retry-After", Math.max(1, overQuota.retryAfter().toSeconds())).build();
        }
        IntakeResult.Unavailable unavailable = (IntakeResult.Unavailable) result;
        return problem(503, "unavailable", "$", unavailable.reason() + "; nothing was stored, retry later")
                .header("Retry-After", 30).build();
    }

    private static Response.ResponseBuilder problem(int status, String code, String path, String detail) {
        return Response.status(status).type(PROBLEM_JSON).entity(new Problem(
                "https://tlsrpt.org/problems/" + code, Response.Status.fromStatusCode(status) == null
                        ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase(),
                status, detail, code, path));
    }

    /** Content-Encoding: gzip of a body, read no further than the body limit; null when damaged or too large. */
    private byte[] gunzipBounded(byte[] body) {
        long limit = config.http().maxBodySize();
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] out = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            return out.length > limit ? null : out;
        } catch (IOException e) {
            return null;
        }
    }

    /** RFC 9457 problem document, with the refusal code and the place in the report it concerns. */
    public record Problem(String type, String title, int status, String detail, String code, String path) {
    }

    /** The 201 body: the identity of each report stored and what was odd about it. */
    public record UploadAnswer(List<String> keys, List<FindingView> findings) {

        static UploadAnswer of(List<String> keys, List<org.tlsrpt.core.problem.Finding> findings) {
            return new UploadAnswer(keys, findings.stream()
                    .map(f -> new FindingView(f.code().code(), f.path(), f.message())).toList());
        }
    }

    public record FindingView(String code, String path, String message) {
    }
}
