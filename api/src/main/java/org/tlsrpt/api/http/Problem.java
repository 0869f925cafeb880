package org.tlsrpt.api.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem document ({@code application/problem+json}), with the machine-readable {@code code} the
 * ingest's problems also carry and, for a bad request, the {@code parameter} at fault.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String code, String detail, String parameter) {

    public static final String MEDIA_TYPE = "application/problem+json";

    static Response response(int status, String title, String code, String detail, String parameter) {
        return Response.status(status).type(MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, code, detail, parameter)).build();
    }

    static Response badRequest(String parameter, String detail) {
        return response(400, "Bad Request", "invalid-parameter", detail, parameter);
    }

    static Response notFound(String detail) {
        return response(404, "Not Found", "not-found", detail, null);
    }

    static Response forbidden(String detail) {
        return response(403, "Forbidden", "out-of-scope", detail, null);
    }

    static Response unauthorized(String detail) {
        return Response.fromResponse(response(401, "Unauthorized", "unauthorized", detail, null))
                .header("WWW-Authenticate", "Bearer realm=\"tlsrpt\"").build();
    }

    static Response unavailable(String detail) {
        return Response.fromResponse(response(503, "Service Unavailable", "clickhouse-unavailable", detail, null))
                .header("Retry-After", "5").build();
    }
}
