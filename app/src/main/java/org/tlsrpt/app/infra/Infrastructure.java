package org.tlsrpt.app.infra;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.tlsrpt.app.config.ConfigCheck;
import org.tlsrpt.app.config.ProcessorSettings;
import org.tlsrpt.app.config.Role;
import org.tlsrpt.app.config.TlsrptConfig;
import org.tlsrpt.embedded.clickhouse.EmbeddedClickHouse;
import org.tlsrpt.embedded.clickhouse.EmbeddedClickHouseConfig;
import org.tlsrpt.embedded.kafka.EmbeddedKafka;
import org.tlsrpt.embedded.kafka.EmbeddedKafkaConfig;
import org.tlsrpt.embedded.kafka.TopicSpec;

/**
 * The one place that decides between external and embedded Kafka and ClickHouse: an address in the configuration
 * means external, none means the embedded one starts here (under {@code tlsrpt.data-dir}). Everything else asks
 * this bean for endpoints and never knows which it got. Starts only what the configured roles need.
 */
@ApplicationScoped
public class Infrastructure {

    private static final Logger LOG = Logger.getLogger(Infrastructure.class);

    @Inject
    TlsrptConfig config;

    @Inject
    ProcessorSettings processor;

    @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
    int httpPort;

    @ConfigProperty(name = "quarkus.management.port", defaultValue = "9000")
    int managementPort;

    @Inject
    Config raw;

    private KafkaEndpoint kafka;
    private ClickHouseEndpoint clickHouse;
    private EmbeddedKafka embeddedKafka;
    private EmbeddedClickHouse embeddedClickHouse;

    void onStart(@Observes @Priority(10) StartupEvent event) {
        List<String> problems = new java.util.ArrayList<>(ConfigCheck.problems(config, httpPort, managementPort));
        problems.addAll(ConfigCheck.problems(processor));
        problems.addAll(ConfigCheck.secretProblems(config, raw));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid configuration:\n  - " + String.join("\n  - ", problems));
        }
        start();
    }

    synchronized void start() {
        ServiceAddresses addresses = ServiceAddresses.of(config);
        if (Role.needKafka(config.roles())) {
            kafka = addresses.embeddedKafka() ? startEmbeddedKafka()
                    : new KafkaEndpoint(addresses.kafkaBootstrapServers(), "external");
        }
        if (Role.needClickHouse(config.roles())) {
            clickHouse = addresses.embeddedClickHouse() ? startEmbeddedClickHouse(addresses)
                    : addresses.clickHouse();
        }
    }

    private KafkaEndpoint startEmbeddedKafka() {
        EmbeddedKafkaConfig defaults = EmbeddedKafkaConfig.defaults(dataDir());
        List<TopicSpec> topics = defaults.topics().stream()
                .map(topic -> new TopicSpec(topic.name(), config.kafka().partitions())).toList();
        embeddedKafka = EmbeddedKafka.start(defaults
                .withPorts(config.kafka().port(), config.kafka().controllerPort())
                .withTopics(topics));
        LOG.infof("embedded Kafka ready at %s, data in %s", embeddedKafka.bootstrapServers(),
                embeddedKafka.config().kafkaDir());
        return new KafkaEndpoint(embeddedKafka.bootstrapServers(), "embedded");
    }

    private ClickHouseEndpoint startEmbeddedClickHouse(ServiceAddresses addresses) {
        String password = addresses.embeddedClickHousePassword();
        embeddedClickHouse = EmbeddedClickHouse.start(EmbeddedClickHouseConfig.defaults(dataDir())
                .withPort(config.clickhouse().port())
                .withCredentials(config.clickhouse().user(), password));
        LOG.infof("embedded ClickHouse (chDB) ready at %s, user %s, password in %s",
                embeddedClickHouse.httpUrl(), config.clickhouse().user(),
                config.clickhouse().password().isPresent() ? "tlsrpt.clickhouse.password"
                        : addresses.secrets().dir());
        return new ClickHouseEndpoint(embeddedClickHouse.jdbcUrl(), config.clickhouse().user(), password,
                "embedded");
    }

    private Path dataDir() {
        return config.dataDir().toAbsolutePath();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    synchronized void stop() {
        if (embeddedClickHouse != null) {
            embeddedClickHouse.close();
            embeddedClickHouse = null;
        }
        if (embeddedKafka != null) {
            embeddedKafka.close();
            embeddedKafka = null;
        }
    }

    /** Empty when the configured roles do not use Kafka. */
    public synchronized Optional<KafkaEndpoint> kafka() {
        return Optional.ofNullable(kafka);
    }

    /** Empty when the configured roles do not use ClickHouse. */
    public synchronized Optional<ClickHouseEndpoint> clickHouse() {
        return Optional.ofNullable(clickHouse);
    }
}
