package org.tlsrpt.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tlsrpt.core.Limits;

/** {@code tlsrpt.ingest.max-decompressed-bytes-per-input} reaches the decoding limits the ingest and import use. */
class IngestLimitsConfigTest {

    private static IngestConfig config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(IngestConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 400))
                .build()
                .getConfigMapping(IngestConfig.class);
    }

    @Test
    void withoutTheSettingTheIngestDecodesWithTheDefaultBudget() {
        assertThat(config(Map.of()).limits()).isEqualTo(Limits.DEFAULTS);
    }

    @Test
    void theSettingChangesOnlyTheBudgetPerInput() {
        Limits limits = config(Map.of("tlsrpt.ingest.max-decompressed-bytes-per-input", "134217728")).limits();

        assertThat(limits.maxInputDecompressedBytes()).isEqualTo(128L * 1024 * 1024);
        assertThat(limits.withMaxInputDecompressedBytes(Limits.DEFAULTS.maxInputDecompressedBytes()))
                .isEqualTo(Limits.DEFAULTS);
    }
}
