package org.tlsrpt.embedded.kafka;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.tlsrpt.core.message.Topics;
import org.tlsrpt.embedded.ChildProcess;

/**
 * One node of a multi-node KRaft cluster on loopback, alone in its process, so that a test can kill a broker the
 * way a machine dies ({@code kill -9}) while the others go on. Every node is broker and controller; the topics
 * ({@code tlsrpt.reports}, {@code tlsrpt.quarantine}) are replicated on every node with {@code min.insync.replicas}
 * one less, and are created by whichever node gets there first once all nodes are up.
 *
 * <p>Arguments: {@code --node-id=N --voters=1@PORT,2@PORT,3@PORT --port=N --data-dir=DIR --cluster-id=ID
 * [--partitions=N]} ({@code voters}: every node's controller port on 127.0.0.1). Prints {@code ready <bootstrap>}
 * once the topics exist. Stops cleanly when its standard input closes, so it never outlives its parent.
 */
public final class KafkaNodeMain {

    private KafkaNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ChildProcess.options(args);
        KraftCluster cluster = new KraftCluster(Integer.parseInt(ChildProcess.required(options, "node-id")),
                KraftCluster.parseVoters(ChildProcess.required(options, "voters")), ChildProcess.required(options, "cluster-id"));
        int partitions = Integer.parseInt(options.getOrDefault("partitions",
                Integer.toString(EmbeddedKafkaConfig.DEFAULT_PARTITIONS)));
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.defaults(Path.of(ChildProcess.required(options, "data-dir")))
                .withCluster(cluster)
                .withPorts(Integer.parseInt(ChildProcess.required(options, "port")), cluster.controllerPort())
                .withTopics(List.of(new TopicSpec(Topics.REPORTS, partitions),
                        new TopicSpec(Topics.QUARANTINE, partitions)));
        try (EmbeddedKafka kafka = EmbeddedKafka.start(config)) {
            System.out.println("ready " + kafka.bootstrapServers());
            System.out.flush();
            ChildProcess.awaitParentExit();
        }
        System.exit(0);
    }
}
