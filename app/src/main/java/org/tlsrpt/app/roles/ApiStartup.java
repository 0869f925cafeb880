package org.tlsrpt.app.roles;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import org.tlsrpt.api.ApiConfig;
import org.tlsrpt.api.auth.DefaultToken;
import org.tlsrpt.api.auth.TokenStore;
import org.tlsrpt.app.config.Role;
import org.tlsrpt.processor.ClickHouseConnector;
import org.tlsrpt.processor.schema.SchemaDialect;
import org.tlsrpt.processor.schema.SchemaMigrator;

/**
 * Starts the api role after the infrastructure: makes sure the schema (with the token table) is there and the
 * default token exists ({@code TLSRPT_API_TOKEN}, or one generated and printed on the very first start).
 * Migrating is idempotent, so it does no harm when the processor role in the same process migrates too.
 */
@ApplicationScoped
public class ApiStartup {

    @Inject
    ActiveRoles roles;

    @Inject
    ClickHouseConnector connector;

    @Inject
    TokenStore tokens;

    @Inject
    ApiConfig config;

    void onStart(@Observes @Priority(100) StartupEvent event) throws SQLException {
        if (!roles.runs(Role.API)) {
            return;
        }
        SchemaMigrator.of(connector, SchemaDialect.singleNode()).migrate();
        DefaultToken.ensure(tokens, config.token(), System.out);
    }
}
