package org.tlsrpt.app.roles;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import org.jboss.logging.Logger;
import org.tlsrpt.app.config.ClickHouseSchema;
import org.tlsrpt.app.config.Role;
import org.tlsrpt.app.config.TlsrptConfig;
import org.tlsrpt.app.infra.ClickHouseEndpoint;
import org.tlsrpt.app.infra.Infrastructure;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * Brings the ClickHouse schema up to date at start, before the processor consumes and the api queries, when
 * {@code tlsrpt.clickhouse.migrate} is true (the default). Several processes may do this at once: every statement
 * is {@code IF NOT EXISTS}. A schema that cannot be migrated stops the start, with the reason.
 */
@ApplicationScoped
public class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class);

    @Inject
    TlsrptConfig config;

    @Inject
    ActiveRoles roles;

    @Inject
    Infrastructure infrastructure;

    @Inject
    Instance<ClickHouseConnector> connector;

    /** After the infrastructure (priority 10), before the processor's consumers (priority 30). */
    void migrate(@Observes @Priority(20) StartupEvent event) throws SQLException {
        if (!config.clickhouse().migrate() || !(roles.runs(Role.PROCESSOR) || roles.runs(Role.API))) {
            return;
        }
        ClickHouseEndpoint clickHouse = infrastructure.clickHouse()
                .orElseThrow(() -> new IllegalStateException("the processor and api roles need ClickHouse"));
        List<Integer> applied = ClickHouseSchema.migrator(connector.get(), config.clickhouse()).migrate();
        if (applied.isEmpty()) {
            LOG.infof("ClickHouse schema is current (%s)", clickHouse.jdbcUrl());
        } else {
            LOG.infof("ClickHouse schema migrated: applied versions %s", applied);
        }
    }
}
