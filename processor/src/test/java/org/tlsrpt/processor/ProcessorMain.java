package org.tlsrpt.processor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.tlsrpt.processor.consume.BatchingConsumer;
import org.tlsrpt.processor.write.ReportWriter;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * The reports consumer alone in a process, for the crash test:
 * {@code ProcessorMain <bootstrap> <jdbcUrl> <topic> <group> <instanceId> <batchRecords>}. Prints a progress line
 * every second; runs until killed. ClickHouse's user and password come from the environment ({@value #USER_ENV},
 * {@value #PASSWORD_ENV}), out of the process list.
 */
public final class ProcessorMain {

    static final String USER_ENV = "TLSRPT_TEST_CLICKHOUSE_USER";
    static final String PASSWORD_ENV = "TLSRPT_TEST_CLICKHOUSE_PASSWORD";

    private ProcessorMain() {
    }

    /**
     * Starts this class in a new JVM on the test class path, consuming {@code topic} as {@code group} in batches of
     * {@code batchRecords}, with its output appended to {@code log}.
     */
    static Process launch(TestKafka kafka, String topic, ClickHouseConnector database, String group,
            int batchRecords, Path log) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classPath, ProcessorMain.class.getName(),
                kafka.bootstrapServers(), database.jdbcUrl(), topic, group, group + "-instance",
                Integer.toString(batchRecords), System.getProperty("tlsrpt.crash.groupProtocol", "classic"));
        Files.writeString(log, "--- launch\n", StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put(USER_ENV, database.user());
        builder.environment().put(PASSWORD_ENV, database.password());
        return builder.start();
    }

    public static void main(String[] args) throws Exception {
        ClickHouseConnector clickhouse = new ClickHouseConnector(args[1], System.getenv(USER_ENV),
                System.getenv(PASSWORD_ENV));
        ProcessorConfig config = TestProcessorConfig.reports(args[0]).withTopic(args[2]).withGroupId(args[3])
                .withInstanceId(args[4]).withBatching(Integer.parseInt(args[5]), Duration.ofMillis(300))
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(2))
                .withKafkaOverrides(args.length > 6 ? java.util.Map.of("group.protocol", args[6]) : java.util.Map.of());
        ReportWriter writer = new ReportWriter(clickhouse);
        long started = System.nanoTime();
        try (BatchingConsumer consumer = Processor.reports(config, clickhouse, writer).start()) {
            System.out.println("started");
            while (true) {
                Thread.sleep(1000);
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("records=%d reports=%d duplicates=%d rows=%d details=%d batches=%d failures=%d "
                        + "up=%s elapsed=%.1fs%n", consumer.recordsWritten(), writer.reports(), writer.duplicates(),
                        writer.rows(), writer.failureDetails(), consumer.batchesWritten(), consumer.failures(),
                        consumer.health().up(), seconds);
            }
        }
    }
}
