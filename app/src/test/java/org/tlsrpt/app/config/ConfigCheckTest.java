package org.tlsrpt.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigCheckTest {

    private static TlsrptConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(TlsrptConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 400))
                .build()
                .getConfigMapping(TlsrptConfig.class);
    }

    @Test
    void theEmbeddedDefaultIsValid() {
        TlsrptConfig config = config(Map.of());

        assertThat(ConfigCheck.problems(config, 8080)).isEmpty();
        assertThat(Role.expand(config.roles())).containsExactlyInAnyOrder(Role.INGEST, Role.PROCESSOR, Role.API);
        assertThat(config.kafka().bootstrapServers()).isEmpty();
    }

    @Test
    void separateRolesNeedExternalKafkaAndClickHouse() {
        assertThat(ConfigCheck.problems(config(Map.of("tlsrpt.roles", "processor")), 8080))
                .hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("tlsrpt.kafka.bootstrap-servers"))
                .anySatisfy(p -> assertThat(p).contains("tlsrpt.clickhouse.jdbc-url"));
    }

    @Test
    void separateRolesWithExternalServicesAreValid() {
        TlsrptConfig config = config(Map.of("tlsrpt.roles", "ingest,api",
                "tlsrpt.kafka.bootstrap-servers", "kafka-0:9092,kafka-1:9092",
                "tlsrpt.clickhouse.jdbc-url", "jdbc:clickhouse:http://clickhouse:8123/tlsrpt"));

        assertThat(ConfigCheck.problems(config, 8080)).isEmpty();
        assertThat(Role.expand(config.roles())).containsExactlyInAnyOrder(Role.INGEST, Role.API);
    }

    @Test
    void apiAloneDoesNotNeedKafka() {
        TlsrptConfig config = config(Map.of("tlsrpt.roles", "api",
                "tlsrpt.clickhouse.jdbc-url", "jdbc:clickhouse:http://clickhouse:8123/tlsrpt"));

        assertThat(ConfigCheck.problems(config, 8080)).isEmpty();
    }

    @Test
    void allCombinedWithAnotherRoleIsRefused() {
        assertThat(ConfigCheck.problems(config(Map.of("tlsrpt.roles", "all,api")), 8080))
                .singleElement().asString().contains("'all' already includes every role");
    }

    @Test
    void clashingPortsAreNamed() {
        assertThat(ConfigCheck.problems(config(Map.of("tlsrpt.clickhouse.port", "9092")), 8080))
                .containsExactly("tlsrpt.kafka.port and tlsrpt.clickhouse.port are both 9092");
        assertThat(ConfigCheck.problems(config(Map.of("tlsrpt.kafka.port", "8080")), 8080))
                .containsExactly("tlsrpt.kafka.port and quarkus.http.port are both 8080");
    }

    @Test
    void portsOfExternalServicesAreNotChecked() {
        TlsrptConfig config = config(Map.of("tlsrpt.kafka.bootstrap-servers", "kafka:9092",
                "tlsrpt.kafka.port", "8080"));

        assertThat(ConfigCheck.problems(config, 8080)).isEmpty();
    }

    @Test
    void aJdbcUrlOfAnotherDatabaseIsRefused() {
        assertThat(ConfigCheck.problems(config(Map.of("tlsrpt.clickhouse.jdbc-url", "jdbc:postgresql://db/x")), 8080))
                .singleElement().asString().contains("must start with jdbc:clickhouse:");
    }

    @Test
    void anUnknownRoleFailsWhenTheConfigurationIsRead() {
        assertThatThrownBy(() -> config(Map.of("tlsrpt.roles", "ingester")))
                .hasMessageContaining("ingester")
                .hasMessageContaining("allowed values");
    }
}
