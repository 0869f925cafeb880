package org.tlsrpt.app.cli;

import org.tlsrpt.app.config.TlsrptConfig;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * Where a command finds Kafka and ClickHouse without starting anything: the configured external ones, or else the
 * embedded ones of a running {@code tlsrpt run}, which listen on 127.0.0.1 at the configured ports.
 *
 * @param kafkaBootstrapServers Kafka {@code bootstrap.servers}
 * @param clickHouse            a connector to ClickHouse
 * @param embedded              true when these are a running {@code tlsrpt run}'s embedded services
 */
record ConfiguredServices(String kafkaBootstrapServers, ClickHouseConnector clickHouse, boolean embedded) {

    static ConfiguredServices of(TlsrptConfig config) {
        TlsrptConfig.ClickHouse clickHouse = config.clickhouse();
        String kafka = config.kafka().bootstrapServers().orElse("127.0.0.1:" + config.kafka().port());
        // the same URL EmbeddedClickHouse.jdbcUrl() gives the running application
        String jdbcUrl = clickHouse.jdbcUrl()
                .orElse("jdbc:clickhouse:http://127.0.0.1:" + clickHouse.port() + "/default?compress=false");
        boolean embedded = config.clickhouse().jdbcUrl().isEmpty();
        return new ConfiguredServices(kafka, new ClickHouseConnector(jdbcUrl, clickHouse.user(),
                clickHouse.password().orElse("")), embedded);
    }

    /** A hint for errors: what must be running for the command to reach these services. */
    String hint() {
        return embedded ? "is `tlsrpt run` running with the same configuration? (or set tlsrpt.clickhouse.jdbc-url "
                + "and tlsrpt.kafka.bootstrap-servers for external services)" : "check the configured address";
    }
}
