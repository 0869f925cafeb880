package org.tlsrpt.api.http;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.tlsrpt.api.auth.Caller;
import org.tlsrpt.api.auth.TokenAuthenticator;

/**
 * Every {@code /api/} request needs a valid bearer token (401 otherwise); the token's id and scope go to the
 * request's {@link Caller}, which every resource passes on to its queries. Runs after routing (unknown paths stay
 * 404) and on the worker thread of the blocking resources, so asking ClickHouse here is fine.
 */
public class BearerTokenFilter {

    private static final Logger LOG = Logger.getLogger(BearerTokenFilter.class);

    // Looked up on the first /api/ request only: a process without the api role has no ClickHouse to build it on.
    @Inject
    Instance<TokenAuthenticator> authenticator;

    @Inject
    Caller caller;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/") || HttpMethod.OPTIONS.equals(request.getMethod())) {
            return Optional.empty();
        }
        try {
            return authenticator.get().authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION))
                    .map(found -> {
                        caller.authenticated(found.tokenId(), found.scope());
                        return Optional.<Response>empty();
                    })
                    .orElseGet(() -> Optional.of(Problem.unauthorized(
                            "a valid bearer token is required (Authorization: Bearer …)")));
        } catch (SQLException e) {
            LOG.warn("cannot check a token", e);
            return Optional.of(Problem.unavailable("tokens cannot be checked now; retry later"));
        }
    }
}
