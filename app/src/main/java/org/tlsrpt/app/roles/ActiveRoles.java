package org.tlsrpt.app.roles;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import org.tlsrpt.app.config.Role;
import org.tlsrpt.app.config.TlsrptConfig;

/**
 * The concrete roles this process runs ({@code all} expanded). A normal-scoped bean, so that beans created while
 * Quarkus is still initialising (request filters) can hold it before runtime configuration is readable.
 */
@ApplicationScoped
public class ActiveRoles {

    private final Set<Role> roles;

    @Inject
    public ActiveRoles(TlsrptConfig config) {
        this.roles = Role.expand(config.roles());
    }

    public boolean runs(Role role) {
        return roles.contains(role);
    }
}
