package org.tlsrpt.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.tlsrpt.embedded.clickhouse.EmbeddedClickHouse;
import org.tlsrpt.embedded.clickhouse.EmbeddedClickHouseConfig;
import org.tlsrpt.embedded.kafka.EmbeddedKafka;
import org.tlsrpt.embedded.kafka.EmbeddedKafkaConfig;

/**
 * Measures start time to ready and resident memory at idle of the embedded Kafka and ClickHouse; the figures in
 * docs/benchmarks.md come from it. Run with the test class path: {@code java -Xmx512m -cp ... EmbeddedFootprint DIR
 * [IDLE_SECONDS [KAFKA_PORT CONTROLLER_PORT]]} (run twice on the same DIR and ports to see first start vs. restart).
 */
public final class EmbeddedFootprint {

    private EmbeddedFootprint() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/footprint");
        Files.createDirectories(dir);
        long idleSeconds = args.length > 1 ? Long.parseLong(args[1]) : 20;
        int kafkaPort = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        int controllerPort = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        long baseline = rssKb("self");

        long t0 = System.nanoTime();
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(dir).withPorts(kafkaPort, controllerPort));
        long kafkaMs = (System.nanoTime() - t0) / 1_000_000;

        long t1 = System.nanoTime();
        EmbeddedClickHouse clickhouse = EmbeddedClickHouse.start(EmbeddedClickHouseConfig.defaults(dir).withPort(0));
        long chdbMs = (System.nanoTime() - t1) / 1_000_000;

        Thread.sleep(Duration.ofSeconds(idleSeconds).toMillis());
        long self = rssKb("self");
        long child = rssKb(Long.toString(clickhouse.childPid().orElseThrow()));
        System.out.printf("kafka ready ms=%d%nchdb ready ms=%d%n", kafkaMs, chdbMs);
        System.out.printf("rss MiB: jvm before kafka=%d, jvm with kafka idle=%d, chdb child idle=%d%n",
                baseline / 1024, self / 1024, child / 1024);
        clickhouse.close();
        kafka.close();
    }

    private static long rssKb(String pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
