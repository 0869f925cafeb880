package org.tlsrpt.api.http;

import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.tlsrpt.api.query.InvalidParameterException;
import org.tlsrpt.api.query.QueryFailedException;

/** Problem documents for the query API's own exceptions (no other module throws these types). */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e) {
        return Problem.badRequest(e.parameter(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response outOfScope(OutOfScopeException e) {
        return Problem.forbidden(e.getMessage());
    }

    @ServerExceptionMapper
    public Response queryFailed(QueryFailedException e) {
        LOG.warn("query failed", e);
        return Problem.unavailable("ClickHouse did not answer the query; retry later");
    }
}
