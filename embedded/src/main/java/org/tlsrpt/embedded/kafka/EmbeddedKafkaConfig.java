package org.tlsrpt.embedded.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.tlsrpt.core.message.Topics;
import org.tlsrpt.embedded.FreePorts;

/**
 * Configuration of the embedded Kafka broker: a single node by default, or one node of a multi-node KRaft cluster
 * ({@link #withCluster}). Plain values; the application maps its own configuration onto it. Invalid values are
 * refused at construction with the reason.
 *
 * @param dataDir         the application's data directory; the broker keeps its log under {@code <dataDir>/kafka}
 * @param port            client (PLAINTEXT) port on 127.0.0.1; 0 picks a free port
 * @param controllerPort  KRaft controller port on 127.0.0.1; 0 picks a free port (keep it fixed across restarts)
 * @param topics          topics created at start when missing (partitions are raised, never lowered)
 * @param maxMessageBytes largest record batch the broker and the topics accept
 * @param startTimeout    how long to wait for the broker to serve metadata before giving up
 * @param cluster         this node's place in a multi-node cluster (its controller port must be
 *                        {@code controllerPort}); null for a single node
 */
public record EmbeddedKafkaConfig(
        Path dataDir,
        int port,
        int controllerPort,
        List<TopicSpec> topics,
        int maxMessageBytes,
        Duration startTimeout,
        KraftCluster cluster) {

    public static final int DEFAULT_PORT = 9092;
    public static final int DEFAULT_CONTROLLER_PORT = 9093;
    public static final int DEFAULT_PARTITIONS = 6;

    public EmbeddedKafkaConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(startTimeout, "startTimeout");
        topics = List.copyOf(Objects.requireNonNull(topics, "topics"));
        FreePorts.checkPort("kafka port", port);
        FreePorts.checkPort("kafka controller port", controllerPort);
        if (port != 0 && port == controllerPort) {
            throw new IllegalArgumentException("kafka port and controller port must differ, both are " + port);
        }
        if (maxMessageBytes < 1024 * 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1 MiB, was " + maxMessageBytes);
        }
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive, was " + startTimeout);
        }
        if (topics.stream().map(TopicSpec::name).distinct().count() != topics.size()) {
            throw new IllegalArgumentException("topic names must be unique: " + topics);
        }
        if (cluster != null && cluster.controllerPort() != controllerPort) {
            throw new IllegalArgumentException("controller port " + controllerPort + " is not node "
                    + cluster.nodeId() + "'s port among the voters " + cluster.controllerPorts());
        }
    }

    /** A single node. */
    public EmbeddedKafkaConfig(Path dataDir, int port, int controllerPort, List<TopicSpec> topics, int maxMessageBytes,
            Duration startTimeout) {
        this(dataDir, port, controllerPort, topics, maxMessageBytes, startTimeout, null);
    }

    /** Defaults: ports 9092/9093, the reports and quarantine topics with 6 partitions, 32 MiB messages. */
    public static EmbeddedKafkaConfig defaults(Path dataDir) {
        return new EmbeddedKafkaConfig(dataDir, DEFAULT_PORT, DEFAULT_CONTROLLER_PORT,
                List.of(new TopicSpec(Topics.REPORTS, DEFAULT_PARTITIONS),
                        new TopicSpec(Topics.QUARANTINE, DEFAULT_PARTITIONS)),
                Topics.MAX_RECORD_BYTES, Duration.ofSeconds(60));
    }

    public EmbeddedKafkaConfig withPorts(int port, int controllerPort) {
        return new EmbeddedKafkaConfig(dataDir, port, controllerPort, topics, maxMessageBytes, startTimeout, cluster);
    }

    public EmbeddedKafkaConfig withTopics(List<TopicSpec> topics) {
        return new EmbeddedKafkaConfig(dataDir, port, controllerPort, topics, maxMessageBytes, startTimeout, cluster);
    }

    /** This node joins {@code cluster}; the controller port becomes its port among the voters. */
    public EmbeddedKafkaConfig withCluster(KraftCluster cluster) {
        return new EmbeddedKafkaConfig(dataDir, port, cluster.controllerPort(), topics, maxMessageBytes, startTimeout,
                cluster);
    }

    /** Replicas of each topic: 1 alone, every node in a cluster. */
    public int replicationFactor() {
        return cluster == null ? 1 : cluster.replicationFactor();
    }

    /** {@code min.insync.replicas} of each topic: 1 alone, all nodes but one in a cluster. */
    public int minInsyncReplicas() {
        return cluster == null ? 1 : cluster.minInsyncReplicas();
    }

    /** The broker's log directory, {@code <dataDir>/kafka}. */
    public Path kafkaDir() {
        return dataDir.resolve("kafka");
    }
}
