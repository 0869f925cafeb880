package org.tlsrpt.embedded.kafka;

import java.util.Properties;

/**
 * The server.properties of a KRaft broker+controller bound to loopback: a single node, or one node of a
 * {@link KraftCluster} whose every topic is replicated on all nodes.
 */
final class BrokerProperties {

    static final int NODE_ID = 1;
    private static final String HOST = "127.0.0.1";

    private BrokerProperties() {
    }

    static Properties of(EmbeddedKafkaConfig config, int port, int controllerPort) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        KraftCluster cluster = config.cluster();
        p.setProperty("node.id", Integer.toString(cluster == null ? NODE_ID : cluster.nodeId()));
        p.setProperty("controller.quorum.voters",
                cluster == null ? NODE_ID + "@" + HOST + ":" + controllerPort : cluster.quorumVoters(HOST));
        p.setProperty("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", config.kafkaDir().toAbsolutePath().toString());

        // One node: every replication factor is 1. A cluster: every node holds a replica and a write needs all
        // but one, internal topics (consumer offsets) included. Internal topics stay small.
        String replication = Integer.toString(config.replicationFactor());
        String minInsync = Integer.toString(config.minInsyncReplicas());
        p.setProperty("default.replication.factor", replication);
        p.setProperty("min.insync.replicas", minInsync);
        p.setProperty("offsets.topic.replication.factor", replication);
        p.setProperty("offsets.topic.num.partitions", "4");
        p.setProperty("transaction.state.log.replication.factor", replication);
        p.setProperty("transaction.state.log.min.isr", minInsync);
        p.setProperty("transaction.state.log.num.partitions", "4");
        p.setProperty("share.coordinator.state.topic.replication.factor", replication);
        p.setProperty("share.coordinator.state.topic.min.isr", minInsync);
        p.setProperty("num.partitions", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        if (cluster == null) {
            // A single voter elects itself: no need to wait the default 1-2 s after a restart, nor 2 s between
            // the broker's heartbeats before it is unfenced. Several voters keep Kafka's election timeout, so a
            // slow machine does not make them depose each other.
            p.setProperty("controller.quorum.election.timeout.ms", "200");
        }
        p.setProperty("broker.heartbeat.interval.ms", "500");
        // Topics are declared, not created by a typo in a producer.
        p.setProperty("auto.create.topics.enable", "false");

        // Large reports: the broker, replica fetches and each topic accept the same size.
        String max = Integer.toString(config.maxMessageBytes());
        p.setProperty("message.max.bytes", max);
        p.setProperty("replica.fetch.max.bytes", max);
        p.setProperty("socket.request.max.bytes", Integer.toString(Math.max(config.maxMessageBytes() + 1024 * 1024,
                100 * 1024 * 1024)));
        return p;
    }
}
