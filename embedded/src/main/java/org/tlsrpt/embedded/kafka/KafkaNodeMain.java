package org.tlsrpt.embedded.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
        Map<String, String> options = parse(args);
        KraftCluster cluster = new KraftCluster(Integer.parseInt(required(options, "node-id")),
                KraftCluster.parseVoters(required(options, "voters")), required(options, "cluster-id"));
        int partitions = Integer.parseInt(options.getOrDefault("partitions",
                Integer.toString(EmbeddedKafkaConfig.DEFAULT_PARTITIONS)));
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.defaults(Path.of(required(options, "data-dir")))
                .withCluster(cluster)
                .withPorts(Integer.parseInt(required(options, "port")), cluster.controllerPort())
                .withTopics(List.of(new TopicSpec(EmbeddedKafkaConfig.REPORTS_TOPIC, partitions),
                        new TopicSpec(EmbeddedKafkaConfig.QUARANTINE_TOPIC, partitions)));
        try (EmbeddedKafka kafka = EmbeddedKafka.start(config)) {
            System.out.println("ready " + kafka.bootstrapServers());
            System.out.flush();
            awaitEndOfInput(System.in);
        }
        System.exit(0);
    }

    private static void awaitEndOfInput(InputStream in) {
        try {
            byte[] buffer = new byte[256];
            while (in.read(buffer) >= 0) {
                // the parent writes nothing; only end of input matters
            }
        } catch (IOException e) {
            // a broken pipe means the parent is gone, too
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            int eq = arg.indexOf('=');
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing --" + name + "=...");
        }
        return value;
    }
}
