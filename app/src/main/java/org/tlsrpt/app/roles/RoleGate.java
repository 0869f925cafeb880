package org.tlsrpt.app.roles;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.tlsrpt.app.config.Role;

/**
 * Every role's endpoints are compiled into the one binary; this answers 404 for the endpoints of roles this
 * process does not run, so an {@code api} Deployment never accepts reports and an {@code ingest} one serves no
 * queries.
 */
public class RoleGate {

    @Inject
    ActiveRoles roles;

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> gate(ContainerRequestContext request) {
        Role owner = owner(request.getMethod(), request.getUriInfo().getPath());
        if (owner == null || roles.runs(owner)) {
            return Optional.empty();
        }
        return Optional.of(Response.status(404).build());
    }

    static Role owner(String method, String path) {
        if (path.startsWith("/api/")) {
            return Role.API;
        }
        if ("POST".equals(method) && (path.equals("/") || path.equals("/v1/reports") || path.equals("/v1/reports/"))) {
            return Role.INGEST;
        }
        return null;
    }
}
