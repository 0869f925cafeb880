package org.tlsrpt.app.cli;

import io.smallrye.config.SmallRyeConfig;
import java.io.PrintStream;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import org.tlsrpt.app.config.ClickHouseSchema;
import org.tlsrpt.app.config.TlsrptConfig;
import org.tlsrpt.app.infra.ClickHouseEndpoint;
import org.tlsrpt.app.infra.ServiceAddresses;
import org.tlsrpt.core.RootCause;
import org.tlsrpt.storage.schema.SchemaMigrator;
import picocli.CommandLine.Command;

/**
 * {@code tlsrpt migrate}: applies the schema migrations to the configured ClickHouse (or the embedded one of a
 * running {@code tlsrpt run}) and exits; what the Kubernetes Job runs before the roles start. A second run applies
 * nothing.
 */
@Command(name = "migrate",
        description = "Apply the ClickHouse schema migrations and exit (a second run changes nothing).")
final class MigrateCommand implements Callable<Integer> {

    private final Streams streams;

    MigrateCommand(Streams streams) {
        this.streams = streams;
    }

    @Override
    public Integer call() {
        return run(streams.out(), streams.err());
    }

    static int run(PrintStream out, PrintStream err) {
        TlsrptConfig config;
        try {
            SmallRyeConfig loaded = CheckConfigCommand.load();
            config = loaded.getConfigMapping(TlsrptConfig.class);
        } catch (RuntimeException e) {
            err.println("invalid configuration: " + e.getMessage());
            return 1;
        }
        ServiceAddresses services = ServiceAddresses.of(config);
        ClickHouseEndpoint clickHouse;
        SchemaMigrator migrator;
        try {
            clickHouse = services.clickHouse();
            migrator = ClickHouseSchema.migrator(clickHouse.connector(), config.clickhouse());
        } catch (IllegalArgumentException e) {
            err.println("invalid configuration: " + e.getMessage());
            return 1;
        } catch (IllegalStateException e) {
            err.println("tlsrpt migrate: " + e.getMessage());
            return 1;
        }
        try {
            List<Integer> applied = migrator.migrate();
            if (applied.isEmpty()) {
                out.println("schema is current at " + clickHouse.jdbcUrl());
            } else {
                out.println("applied migrations " + applied + " at " + clickHouse.jdbcUrl());
            }
            return 0;
        } catch (SQLException | RuntimeException e) {
            err.println("tlsrpt migrate: cannot migrate " + clickHouse.jdbcUrl() + ": "
                    + RootCause.reason(e));
            err.println("  " + services.hint());
            return 1;
        }
    }
}
