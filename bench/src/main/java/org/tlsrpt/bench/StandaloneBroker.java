package org.tlsrpt.bench;

import java.nio.file.Path;
import java.util.List;
import org.tlsrpt.core.message.Topics;
import org.tlsrpt.embedded.ChildProcess;
import org.tlsrpt.embedded.GlibcMalloc;
import org.tlsrpt.embedded.kafka.EmbeddedKafka;
import org.tlsrpt.embedded.kafka.EmbeddedKafkaConfig;
import org.tlsrpt.embedded.kafka.TopicSpec;

/**
 * The application's embedded broker (same code, same defaults: one KRaft node, 6 partitions) alone in its own
 * process, so that {@code bench/run ingest-http} can run an ingest-only application against it and tell the
 * broker's CPU from the ingest's. Arguments: {@code PORT CONTROLLER-PORT DATA-DIR PARTITIONS}; prints {@code ready BOOTSTRAP}
 * and stops when its standard input closes, so it never outlives the benchmark.
 */
public final class StandaloneBroker {

    private StandaloneBroker() {
    }

    public static void main(String[] args) throws Exception {
        // Kafka logs through slf4j, bound here to the JBoss log manager, whose unconfigured root level lets debug
        // messages be formatted for every request before they are dropped: a third of the broker's CPU.
        org.jboss.logmanager.LogContext.getSystemLogContext().getLogger("")
                .setLevel(org.jboss.logmanager.Level.WARN);
        GlibcMalloc.keepFreedMemory(); // as `tlsrpt run` does for its embedded broker
        int partitions = Integer.parseInt(args[3]);
        EmbeddedKafkaConfig config = EmbeddedKafkaConfig.defaults(Path.of(args[2]))
                .withPorts(Integer.parseInt(args[0]), Integer.parseInt(args[1]))
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
