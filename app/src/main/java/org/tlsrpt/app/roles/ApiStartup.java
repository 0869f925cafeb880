package org.tlsrpt.app.roles;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.Console;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.tlsrpt.api.ApiConfig;
import org.tlsrpt.api.auth.DefaultToken;
import org.tlsrpt.api.auth.TokenHasher;
import org.tlsrpt.api.auth.TokenStore;
import org.tlsrpt.api.auth.TokenText;
import org.tlsrpt.app.config.Role;
import org.tlsrpt.app.config.TlsrptConfig;
import org.tlsrpt.app.infra.InstallationSecrets;

/**
 * Starts the api role after the schema migration (priority 20): makes sure the default token exists
 * ({@code TLSRPT_API_TOKEN}, or one generated on the very first start and handed over by {@link FirstStartToken}).
 * Also resolves the token pepper: the configured one, else this installation's own.
 */
@ApplicationScoped
public class ApiStartup {

    private static final Logger LOG = Logger.getLogger(ApiStartup.class);

    @Inject
    ActiveRoles roles;

    // Looked up only in a process that runs the api role: the others may have no ClickHouse to build it on.
    @Inject
    Instance<TokenStore> tokens;

    @Inject
    ApiConfig config;

    @Inject
    TlsrptConfig tlsrpt;

    @Produces
    @Singleton
    TokenHasher tokenHasher() {
        return InstallationSecrets.of(tlsrpt.dataDir()).tokenHasher(config.tokenPepper());
    }

    void onStart(@Observes @Priority(100) StartupEvent event) throws SQLException {
        if (!roles.runs(Role.API)) {
            return;
        }
        Optional<TokenText> generated = DefaultToken.ensure(tokens.get(), config.token());
        if (generated.isEmpty()) {
            return;
        }
        Console console = System.console();
        InstallationSecrets secrets = InstallationSecrets.of(tlsrpt.dataDir());
        try {
            LOG.info(FirstStartToken.handOver(generated.get(), console == null ? null : console.writer(), secrets));
        } catch (IOException e) {
            // nobody could ever see it: better none than a valid token nobody knows of
            tokens.get().revoke(generated.get().id());
            LOG.errorf("no API token was configured and the generated one cannot be written to %s (%s), so it was "
                    + "revoked: set TLSRPT_API_TOKEN or create one with `tlsrpt token create`",
                    secrets.firstStartTokenFile(), e.getMessage());
        }
    }
}
