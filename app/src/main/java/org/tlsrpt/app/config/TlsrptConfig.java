package org.tlsrpt.app.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Everything an operator sets for tlsrpt itself ({@code tlsrpt.*}, or {@code TLSRPT_*} environment variables).
 * External Kafka and ClickHouse are used when their addresses are set; otherwise embedded ones start.
 */
@ConfigMapping(prefix = "tlsrpt")
public interface TlsrptConfig {

    /** Roles this process runs: {@code all}, or any of {@code ingest}, {@code processor}, {@code api}. */
    @WithDefault("all")
    Set<Role> roles();

    /** Where the embedded Kafka and ClickHouse keep their data ({@code TLSRPT_DATA_DIR}, {@code --data-dir}). */
    @WithDefault("data")
    Path dataDir();

    Kafka kafka();

    ClickHouse clickhouse();

    interface Kafka {
        /** An external cluster's bootstrap servers; when absent the embedded broker starts. */
        Optional<String> bootstrapServers();

        /** Embedded broker: client port on 127.0.0.1. */
        @WithDefault("9092")
        int port();

        /** Embedded broker: KRaft controller port on 127.0.0.1. */
        @WithDefault("9093")
        int controllerPort();

        /** Embedded broker: partitions of each topic (bounds processor parallelism). */
        @WithDefault("6")
        int partitions();
    }

    interface ClickHouse {
        /** An external ClickHouse JDBC URL ({@code jdbc:clickhouse:http://host:8123/db}); absent: embedded chDB. */
        Optional<String> jdbcUrl();

        /** Embedded ClickHouse: HTTP port on 127.0.0.1. */
        @WithDefault("8123")
        int port();

        @WithDefault("default")
        String user();

        /** Password for {@code user}; never logged. Absent means none. */
        Optional<String> password();

        /**
         * Apply the schema migrations at start in a process that runs the processor or api role. Set false when a
         * separate step ({@code tlsrpt migrate}, the Kubernetes Job) owns the schema.
         */
        @WithDefault("true")
        boolean migrate();

        /** A ClickHouse cluster name: migrations then create replicated and Distributed tables {@code ON CLUSTER}. */
        Optional<String> cluster();

        /**
         * Days reports, policy results, failure details and the daily aggregates are kept (TTL); the processor sends a
         * report dated earlier to quarantine ({@code outside-retention}) instead of letting the TTL drop it.
         */
        @WithDefault("800")
        int retentionDays();

        /** Days raw report bytes and quarantined items are kept (TTL). */
        @WithDefault("90")
        int rawRetentionDays();
    }
}
