package org.tlsrpt.api.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * {@code ?format=csv} or {@code ?format=json} under /api/ chooses the answer's type as {@code Accept} would (a link
 * in a browser or a spreadsheet's import cannot set headers); any other value is a 400. Runs before routing, so
 * content negotiation sees the chosen type; an endpoint without a CSV form answers 406 as for the header.
 */
public class FormatParameter {

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> choose(ContainerRequestContext request) {
        String format = request.getUriInfo().getQueryParameters().getFirst("format");
        if (format == null || format.isEmpty() || !request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        switch (format) {
            case "csv" -> request.getHeaders().putSingle(HttpHeaders.ACCEPT, CsvExport.CSV);
            case "json" -> request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
            default -> {
                return Optional.of(Problem.badRequest("format", "format must be csv or json"));
            }
        }
        return Optional.empty();
    }
}
