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

        assertThat(ConfigCheck.problems(config, 8080, 9000)).isEmpty();
        assertThat(Role.expand(config.roles())).containsExactlyInAnyOrder(Role.INGEST, Role.PROCESSOR, Role.API);
        assertThat(config.kafka().bootstrapServers()).isEmpty();
    }

    @Test
    void separateRolesNeedExternalKafkaAndClickHouse() {
        assertThat(ConfigCheck.problems(config(Map.of("tlsrpt.roles", "processor")), 8080, 9000))
                .hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("tlsrpt.kafka.bootstrap-servers"))
                .anySatisfy(p -> assertThat(p).contains("tlsrpt.clickhouse.jdbc-url"));
    }

    @Test
    void separateRolesWithExternalServicesAreValid() {
        TlsrptConfig config = config(Map.of("tlsrpt.roles", "ingest,api",
                "tlsrpt.kafka.bootstrap-servers", "kafka-0:9092,kafka-1:9092",
                "tlsrpt.clickhouse.jdbc-url", "jdbc:clickhouse:http://clickhouse:8123/tlsrpt"));

        assertThat(ConfigCheck.problems(config, 8080, 9000)).isEmpty();
        assertThat(Role.expand(config.roles())).containsExactlyInAnyOrder(Role.INGEST, Role.API);
    }

    @Test
    void apiAloneDoesNotNeedKafka() {
        TlsrptConfig config = config(Map.of("tlsrpt.roles", "api",
                "tlsrpt.clickhouse.jdbc-url", "jdbc:clickhouse:http://clickhouse:8123/tlsrpt"));

        assertThat(ConfigCheck.problems(config, 8080, 9000)).isEmpty();
    }

    @Test
    void allCombinedWithAnotherRoleIsRefused() {
        assertThat(ConfigCheck.problems(config(Map.of("tlsrpt.roles", "all,api")), 8080, 9000))
                .singleElement().asString().contains("'all' already includes every role");
    }

    @Test
    void clashingPortsAreNamed() {
        assertThat(ConfigCheck.problems(config(Map.of("tlsrpt.clickhouse.port", "9092")), 8080, 9000))
                .containsExactly("tlsrpt.kafka.port and tlsrpt.clickhouse.port are both 9092");
        assertThat(ConfigCheck.problems(config(Map.of("tlsrpt.kafka.port", "8080")), 8080, 9000))
                .containsExactly("tlsrpt.kafka.port and quarkus.http.port are both 8080");
    }

    @Test
    void portsOfExternalServicesAreNotChecked() {
        TlsrptConfig config = config(Map.of("tlsrpt.kafka.bootstrap-servers", "kafka:9092",
                "tlsrpt.kafka.port", "8080"));

        assertThat(ConfigCheck.problems(config, 8080, 9000)).isEmpty();
    }

    @Test
    void aJdbcUrlOfAnotherDatabaseIsRefused() {
        assertThat(ConfigCheck.problems(config(Map.of("tlsrpt.clickhouse.jdbc-url", "jdbc:postgresql://db/x")), 8080, 9000))
                .singleElement().asString().contains("must start with jdbc:clickhouse:");
    }

    private static ProcessorSettings processor(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(ProcessorSettings.class)
                .withConverter(java.time.Duration.class, 200,
                        new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 400))
                .build()
                .getConfigMapping(ProcessorSettings.class);
    }

    @Test
    void theProcessorDefaultsAreValidAndMapOntoTheLibrarysConfiguration() {
        ProcessorSettings settings = processor(Map.of());

        assertThat(ConfigCheck.problems(settings)).isEmpty();
        assertThat(org.tlsrpt.app.roles.ProcessorRole.config(settings, "kafka:9092"))
                .isEqualTo(new org.tlsrpt.processor.ProcessorConfig("kafka:9092", "tlsrpt-processor", null,
                        "tlsrpt.reports", 5_000, java.time.Duration.ofMillis(250), java.time.Duration.ofMillis(200),
                        java.time.Duration.ofSeconds(10), java.time.Duration.ofSeconds(10), Map.of()));
    }

    @Test
    void processorSettingsThatCannotWorkAreNamed() {
        ProcessorSettings settings = processor(Map.of("tlsrpt.processor.batch-records", "0",
                "tlsrpt.processor.max-versions", "0", "tlsrpt.processor.batch-delay", "0s", "tlsrpt.processor.backoff-min", "5s",
                "tlsrpt.processor.backoff-max", "1s", "tlsrpt.processor.quarantine-group-id", "tlsrpt-processor"));

        assertThat(ConfigCheck.problems(settings)).containsExactly(
                "tlsrpt.processor.batch-records must be 1-1000000, was 0",
                "tlsrpt.processor.max-versions must be 1-1000, was 0",
                "tlsrpt.processor.batch-delay must be positive, was PT0S",
                "tlsrpt.processor.backoff-max PT1S is below backoff-min PT5S",
                "tlsrpt.processor.group-id and quarantine-group-id must differ, both are tlsrpt-processor");
    }

    @Test
    void anInvalidClusterNameOrRetentionIsRefused() {
        assertThat(ConfigCheck.problems(config(Map.of("tlsrpt.clickhouse.cluster", "prod cluster")), 8080, 9000))
                .singleElement().asString().startsWith("tlsrpt.clickhouse.cluster: cluster name must match");
        assertThat(ConfigCheck.problems(config(Map.of("tlsrpt.clickhouse.retention-days", "0")), 8080, 9000))
                .singleElement().asString().contains("retention-days");
    }

    @Test
    void aClusterNameChoosesTheClusterDialectWithTheConfiguredRetention() {
        TlsrptConfig config = config(Map.of("tlsrpt.clickhouse.cluster", "tlsrpt_cluster",
                "tlsrpt.clickhouse.retention-days", "730"));

        assertThat(ClickHouseSchema.dialect(config.clickhouse())).isEqualTo(
                org.tlsrpt.storage.schema.SchemaDialect.cluster("tlsrpt_cluster").withRetention(730, 90));
        assertThat(ClickHouseSchema.dialect(config(Map.of()).clickhouse()))
                .isEqualTo(org.tlsrpt.storage.schema.SchemaDialect.singleNode());
        assertThat(config.clickhouse().migrate()).isTrue();
    }

    @Test
    void anUnknownRoleFailsWhenTheConfigurationIsRead() {
        assertThatThrownBy(() -> config(Map.of("tlsrpt.roles", "ingester")))
                .hasMessageContaining("ingester")
                .hasMessageContaining("allowed values");
    }

    private static io.smallrye.config.SmallRyeConfig raw(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withMapping(TlsrptConfig.class)
                .withMapping(org.tlsrpt.api.ApiConfig.class)
                .withConverter(java.time.Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 400))
                .build();
    }

    /** Every placeholder value k8s/base/kustomization.yaml puts into a secret. */
    private static java.util.List<String> manifestPlaceholders() throws java.io.IOException {
        String kustomization = java.nio.file.Files.readString(java.nio.file.Path.of("../k8s/base/kustomization.yaml"));
        java.util.List<String> values = java.util.regex.Pattern.compile("=(FAKE-[A-Za-z0-9-]+)").matcher(kustomization)
                .results().map(m -> m.group(1)).toList();
        assertThat(values).as("placeholders in k8s/base/kustomization.yaml").hasSizeGreaterThanOrEqualTo(3);
        return values;
    }

    @Test
    void theKubernetesPlaceholderSecretsAreRefused() throws Exception {
        for (String placeholder : manifestPlaceholders()) {
            for (String setting : java.util.List.of("tlsrpt.clickhouse.password", "tlsrpt.api.token-pepper",
                    "tlsrpt.api.token")) {
                var raw = raw(Map.of(setting, placeholder));
                assertThat(ConfigCheck.secretProblems(raw.getConfigMapping(TlsrptConfig.class), raw))
                        .as("%s=%s", setting, placeholder)
                        .singleElement().asString().startsWith(setting + " is still the placeholder");
            }
        }
        var own = raw(Map.of("tlsrpt.clickhouse.password", "a-real-secret", "tlsrpt.api.token-pepper", "another"));
        assertThat(ConfigCheck.secretProblems(own.getConfigMapping(TlsrptConfig.class), own)).isEmpty();
    }

    @Test
    void separateApiProcessesNeedOneSharedTokenPepper() {
        var api = raw(Map.of("tlsrpt.roles", "api",
                "tlsrpt.clickhouse.jdbc-url", "jdbc:clickhouse:http://clickhouse:8123/tlsrpt"));
        assertThat(ConfigCheck.secretProblems(api.getConfigMapping(TlsrptConfig.class), api))
                .singleElement().asString().contains("tlsrpt.api.token-pepper");
        var all = raw(Map.of());
        assertThat(ConfigCheck.secretProblems(all.getConfigMapping(TlsrptConfig.class), all))
                .as("one process makes and keeps its own").isEmpty();
    }

    @Test
    void theManagementPortMustNotClashWithTheOthers() {
        assertThat(ConfigCheck.problems(config(Map.of()), 8080, 8080))
                .containsExactly("quarkus.http.port and quarkus.management.port are both 8080");
    }
}
