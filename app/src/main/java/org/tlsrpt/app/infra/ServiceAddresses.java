package org.tlsrpt.app.infra;

import org.tlsrpt.app.config.TlsrptConfig;
import org.tlsrpt.embedded.clickhouse.EmbeddedClickHouse;
import org.tlsrpt.embedded.kafka.EmbeddedKafka;

/**
 * Where Kafka and ClickHouse are and how to log in, as the configuration says: the external ones when their
 * addresses are set, else the embedded ones of a {@code tlsrpt run} on 127.0.0.1 at the configured ports, whose
 * ClickHouse password (unless configured) is kept in the data directory ({@link InstallationSecrets}).
 * {@link Infrastructure} starts the embedded services from it, and every command that talks to a running system
 * ({@code migrate}, {@code reprocess}, {@code import}, {@code token}) finds them through it: nothing else works an
 * address out.
 */
public final class ServiceAddresses {

    private final TlsrptConfig config;
    private final InstallationSecrets secrets;

    private ServiceAddresses(TlsrptConfig config) {
        this.config = config;
        this.secrets = InstallationSecrets.of(config.dataDir());
    }

    public static ServiceAddresses of(TlsrptConfig config) {
        return new ServiceAddresses(config);
    }

    public boolean embeddedKafka() {
        return config.kafka().bootstrapServers().isEmpty();
    }

    public boolean embeddedClickHouse() {
        return config.clickhouse().jdbcUrl().isEmpty();
    }

    /** Kafka {@code bootstrap.servers}. */
    public String kafkaBootstrapServers() {
        return config.kafka().bootstrapServers().orElse(EmbeddedKafka.bootstrapServers(config.kafka().port()));
    }

    /**
     * ClickHouse for a command that starts nothing. The embedded one's password comes from the data directory of
     * the running {@code tlsrpt run}, read only.
     *
     * @throws IllegalStateException when the embedded ClickHouse has no password yet: nothing ran on this data
     *                               directory, so there is nothing to reach
     */
    public ClickHouseEndpoint clickHouse() {
        if (!embeddedClickHouse()) {
            return new ClickHouseEndpoint(config.clickhouse().jdbcUrl().get(), config.clickhouse().user(),
                    config.clickhouse().password().orElse(""), "external");
        }
        String password = config.clickhouse().password().or(secrets::existingClickHousePassword)
                .orElseThrow(() -> new IllegalStateException("no ClickHouse password in " + secrets.dir()
                        + ": " + hint()));
        return new ClickHouseEndpoint(EmbeddedClickHouse.jdbcUrl(config.clickhouse().port()),
                config.clickhouse().user(), password, "embedded");
    }

    /** The password the embedded ClickHouse starts with: the configured one, else the data directory's (made now). */
    String embeddedClickHousePassword() {
        return config.clickhouse().password().orElseGet(secrets::clickHousePassword);
    }

    public InstallationSecrets secrets() {
        return secrets;
    }

    /** A hint for errors: what must be running for a command to reach these services. */
    public String hint() {
        return embeddedKafka() || embeddedClickHouse()
                ? "is `tlsrpt run` running with the same configuration and data directory ("
                        + config.dataDir().toAbsolutePath() + ")? (or set tlsrpt.clickhouse.jdbc-url and "
                        + "tlsrpt.kafka.bootstrap-servers for external services)"
                : "check the configured address";
    }

    /** An error's message and its root cause's: the JDBC driver's own ("Query request failed") names none. */
    public static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
    }
}
