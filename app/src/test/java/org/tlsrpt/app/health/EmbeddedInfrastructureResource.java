package org.tlsrpt.app.health;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.tlsrpt.embedded.clickhouse.EmbeddedClickHouse;
import org.tlsrpt.embedded.clickhouse.EmbeddedClickHouseConfig;
import org.tlsrpt.embedded.kafka.EmbeddedKafka;
import org.tlsrpt.embedded.kafka.EmbeddedKafkaConfig;

/**
 * Starts a real Kafka broker and the real ClickHouse engine once per test run, on free ports, and hands their
 * addresses to the application under test as external services.
 */
public class EmbeddedInfrastructureResource implements QuarkusTestResourceLifecycleManager {

    private Path dataDir;
    private EmbeddedKafka kafka;
    private EmbeddedClickHouse clickHouse;

    @Override
    public Map<String, String> start() {
        try {
            dataDir = Files.createTempDirectory("tlsrpt-test-infra");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(dataDir).withPorts(0, 0));
        clickHouse = EmbeddedClickHouse.start(EmbeddedClickHouseConfig.defaults(dataDir).withPort(0));
        return Map.of(
                "tlsrpt.kafka.bootstrap-servers", kafka.bootstrapServers(),
                "tlsrpt.clickhouse.jdbc-url", clickHouse.jdbcUrl(),
                "tlsrpt.clickhouse.user", clickHouse.config().user(),
                "tlsrpt.clickhouse.password", clickHouse.config().password());
    }

    @Override
    public void stop() {
        if (clickHouse != null) {
            clickHouse.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException ignored) {
                // a temp dir left behind is harmless
            }
        }
    }
}
