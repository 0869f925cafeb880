package org.tlsrpt.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaConfigTest {

    private static final Path DIR = Path.of("data");

    @Test
    void defaultsListenOn9092AndAcceptATwentyMebibyteReportWithRoomToSpare() {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.defaults(DIR);
        assertThat(config.port()).isEqualTo(9092);
        assertThat(config.kafkaDir()).isEqualTo(DIR.resolve("kafka"));
        assertThat(config.maxMessageBytes()).isGreaterThanOrEqualTo(32 * 1024 * 1024);
        assertThat(config.topics()).extracting(TopicSpec::name)
                .containsExactly(EmbeddedKafkaConfig.REPORTS_TOPIC, EmbeddedKafkaConfig.QUARANTINE_TOPIC);
    }

    @Test
    void refusesTheSamePortForClientsAndController() {
        assertThatThrownBy(() -> EmbeddedKafkaConfig.defaults(DIR).withPorts(9092, 9092))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must differ");
    }

    @Test
    void refusesPortsOutOfRangeAndTinyMessages() {
        assertThatThrownBy(() -> EmbeddedKafkaConfig.defaults(DIR).withPorts(70000, 0))
                .hasMessageContaining("kafka port");
        assertThatThrownBy(() -> new EmbeddedKafkaConfig(DIR, 0, 0, List.of(), 1000, Duration.ofSeconds(1)))
                .hasMessageContaining("maxMessageBytes");
    }

    @Test
    void refusesIllegalTopicsAndDuplicates() {
        assertThatThrownBy(() -> new TopicSpec("bad topic", 1)).hasMessageContaining("topic name");
        assertThatThrownBy(() -> new TopicSpec("t", 0)).hasMessageContaining("partitions");
        assertThatThrownBy(() -> EmbeddedKafkaConfig.defaults(DIR)
                .withTopics(List.of(new TopicSpec("t", 1), new TopicSpec("t", 2))))
                .hasMessageContaining("unique");
    }
}
