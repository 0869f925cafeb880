package org.tlsrpt.app.roles;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.tlsrpt.app.config.Role;

/**
 * Every role's endpoints are compiled into the one binary; this answers 404 for the endpoints of roles this
 * process does not run, so an {@code ingest} Deployment serves no queries. (Uploads are routes of their own that
 * exist only in a process with the ingest role: see {@link HttpChannel}.)
 */
public class RoleGate {

    @Inject
    ActiveRoles roles;

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> gate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/") || roles.runs(Role.API)) {
            return Optional.empty();
        }
        return Optional.of(Response.status(404).build());
    }
}
