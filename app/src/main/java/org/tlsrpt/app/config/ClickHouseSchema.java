package org.tlsrpt.app.config;

import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.schema.SchemaDialect;
import org.tlsrpt.storage.schema.SchemaMigrator;

/** The schema the configuration asks for: single node or cluster, with the configured retention. */
public final class ClickHouseSchema {

    private ClickHouseSchema() {
    }

    /** @throws IllegalArgumentException when the cluster name or a retention is invalid, with the reason */
    public static SchemaDialect dialect(TlsrptConfig.ClickHouse settings) {
        SchemaDialect shape = settings.cluster().map(SchemaDialect::cluster).orElseGet(SchemaDialect::singleNode);
        return shape.withRetention(settings.retentionDays(), settings.rawRetentionDays());
    }

    public static SchemaMigrator migrator(ClickHouseConnector connector, TlsrptConfig.ClickHouse settings) {
        return SchemaMigrator.of(connector, dialect(settings));
    }
}
