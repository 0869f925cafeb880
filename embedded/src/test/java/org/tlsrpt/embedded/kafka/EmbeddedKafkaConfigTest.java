package org.tlsrpt.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.tlsrpt.core.message.Topics;

class EmbeddedKafkaConfigTest {

    private static final Path DIR = Path.of("data");

    @Test
    void defaultsListenOn9092AndAcceptATwentyMebibyteReportWithRoomToSpare() {
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.defaults(DIR);
        assertThat(config.port()).isEqualTo(9092);
        assertThat(config.kafkaDir()).isEqualTo(DIR.resolve("kafka"));
        assertThat(config.maxMessageBytes()).isGreaterThanOrEqualTo(32 * 1024 * 1024);
        assertThat(config.topics()).extracting(TopicSpec::name)
                .containsExactly(Topics.REPORTS, Topics.QUARANTINE);
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

    private static final String CLUSTER_ID = "q1Sh-9_ISia_zwGINzRvyQ";

    @Test
    void aClusterNodeReplicatesEveryTopicOnAllNodesAndNeedsAllButOneForAWrite() {
        KraftCluster cluster = new KraftCluster(2, KraftCluster.parseVoters("1@9093,2@9095,3@9097"), CLUSTER_ID);
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.defaults(DIR).withCluster(cluster);
        Properties properties = BrokerProperties.of(config, 9094, 9095);

        assertThat(config.controllerPort()).isEqualTo(9095);
        assertThat(properties.getProperty("node.id")).isEqualTo("2");
        assertThat(properties.getProperty("controller.quorum.voters"))
                .isEqualTo("1@127.0.0.1:9093,2@127.0.0.1:9095,3@127.0.0.1:9097");
        assertThat(properties.getProperty("default.replication.factor")).isEqualTo("3");
        assertThat(properties.getProperty("offsets.topic.replication.factor")).isEqualTo("3");
        assertThat(properties.getProperty("min.insync.replicas")).isEqualTo("2");
        assertThat(properties.getProperty("transaction.state.log.min.isr")).isEqualTo("2");
        assertThat(properties).doesNotContainKey("controller.quorum.election.timeout.ms");
    }

    @Test
    void aSingleNodeReplicatesOnceAndElectsItselfQuickly() {
        Properties properties = BrokerProperties.of(EmbeddedKafkaConfig.defaults(DIR), 9092, 9093);
        assertThat(properties.getProperty("node.id")).isEqualTo("1");
        assertThat(properties.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:9093");
        assertThat(properties.getProperty("default.replication.factor")).isEqualTo("1");
        assertThat(properties.getProperty("min.insync.replicas")).isEqualTo("1");
        assertThat(properties.getProperty("controller.quorum.election.timeout.ms")).isEqualTo("200");
    }

    @Test
    void refusesClustersWithoutAMajorityOrWithoutThisNode() {
        assertThatThrownBy(() -> new KraftCluster(1, KraftCluster.parseVoters("1@9093,2@9095"), CLUSTER_ID))
                .hasMessageContaining("odd number of voters");
        assertThatThrownBy(() -> new KraftCluster(4, KraftCluster.parseVoters("1@9093,2@9095,3@9097"), CLUSTER_ID))
                .hasMessageContaining("not one of the voters");
        assertThatThrownBy(() -> new KraftCluster(1, KraftCluster.parseVoters("1@9093,2@9093,3@9097"), CLUSTER_ID))
                .hasMessageContaining("must differ");
        assertThatThrownBy(() -> new KraftCluster(1, KraftCluster.parseVoters("1@9093,2@9095,3@9097"), "x"))
                .hasMessageContaining("base64 UUID");
        assertThatThrownBy(() -> KraftCluster.parseVoters("1@9093,1@9095,3@9097"))
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> EmbeddedKafkaConfig.defaults(DIR)
                .withCluster(new KraftCluster(1, KraftCluster.parseVoters("1@9093,2@9095,3@9097"), CLUSTER_ID))
                .withPorts(9092, 9999))
                .hasMessageContaining("not node 1's port");
    }
}
