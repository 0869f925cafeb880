package org.tlsrpt.processor;

import java.time.Duration;
import java.util.Map;
import org.tlsrpt.core.message.Topics;

/**
 * A {@link ProcessorConfig} for tests and benchmarks, with the values the app's {@code tlsrpt.processor.*} settings
 * default to; each test changes what it is about with the {@code with…} methods.
 */
public final class TestProcessorConfig {

    private TestProcessorConfig() {
    }

    public static ProcessorConfig reports(String bootstrapServers) {
        return new ProcessorConfig(bootstrapServers, "tlsrpt-processor", null, Topics.REPORTS, 5_000,
                Duration.ofMillis(500), Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(10),
                Map.of());
    }
}
