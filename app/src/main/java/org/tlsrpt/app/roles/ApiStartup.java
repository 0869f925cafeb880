package org.tlsrpt.app.roles;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.SQLException;
import org.tlsrpt.api.ApiConfig;
import org.tlsrpt.api.auth.DefaultToken;
import org.tlsrpt.api.auth.TokenStore;
import org.tlsrpt.app.config.Role;

/**
 * Starts the api role after the schema migration (priority 20): makes sure the default token exists
 * ({@code TLSRPT_API_TOKEN}, or one generated and printed on the very first start).
 */
@ApplicationScoped
public class ApiStartup {

    @Inject
    ActiveRoles roles;

    // Looked up only in a process that runs the api role: the others may have no ClickHouse to build it on.
    @Inject
    Instance<TokenStore> tokens;

    @Inject
    ApiConfig config;

    void onStart(@Observes @Priority(100) StartupEvent event) throws SQLException {
        if (!roles.runs(Role.API)) {
            return;
        }
        DefaultToken.ensure(tokens.get(), config.token(), System.out);
    }
}
