package org.tlsrpt.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.TestClickHouse;

/**
 * The processor as a separate JVM, killed with SIGKILL at random moments while reports are being published and
 * restarted each time; at the end every table and aggregate holds exactly what was sent. The number of reports is
 * the system property {@code tlsrpt.crash.reports} (10,000 by default).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedInfrastructure.class)
class CrashIT {

    private TestKafka kafka;
    private TestClickHouse clickhouse;

    @BeforeAll
    void start(TestKafka kafka, TestClickHouse clickhouse) {
        this.kafka = kafka;
        this.clickhouse = clickhouse;
    }

    @Test
    void killingTheProcessorAtRandomMomentsNeverLosesOrDoublesAReport() throws Exception {
        int total = Integer.getInteger("tlsrpt.crash.reports", 10_000);
        String topic = kafka.createTopic("crash-reports", 3);
        ClickHouseConnector database = clickhouse.freshDatabase("crash");
        Contents contents = new Contents(database);
        Path log = Files.createTempFile("tlsrpt-crash-processor", ".log");
        TestReports.Tally tally = new TestReports.Tally();
        AtomicBoolean published = new AtomicBoolean();
        Thread producer = new Thread(() -> {
            for (int n = 0; n < total; n++) {
                String json = TestReports.generate(n, tally);
                kafka.sendAsync(topic, TestReports.record(json, "http").key(), TestReports.value(json, "http"));
                if (n % 2_000 == 1_999) {
                    kafka.flush();
                }
            }
            kafka.flush();
            published.set(true);
        }, "crash-test-producer");

        SplittableRandom random = new SplittableRandom(Long.getLong("tlsrpt.crash.seed", System.nanoTime()));
        int kills = Integer.getInteger("tlsrpt.crash.kills", 5);
        List<String> killedAt = new ArrayList<>();
        producer.start();
        Process processor = launch(topic, database, log);
        long stored = 0;
        while (killedAt.size() < kills && stored < total) {
            // wait until this process is writing, then kill it at a random moment of its work
            long before = stored;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((stored = contents.count("reports")) <= before && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(random.nextInt(1_500));
            processor.destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, no flush
            stored = contents.count("reports");
            killedAt.add(Long.toString(stored));
            if (stored < total) {
                processor = launch(topic, database, log);
            }
        }
        if (!processor.isAlive()) {
            processor = launch(topic, database, log);
        }
        producer.join();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(240, total / 100));
            while (contents.count("reports") < total && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            Thread.sleep(2_000); // anything still in flight would show up as a surplus now
        } finally {
            processor.destroy();
            processor.waitFor(10, TimeUnit.SECONDS);
        }
        System.out.printf("crash test: %d reports, %d kills with %s reports stored; processor log %s%n", total,
                killedAt.size(), killedAt, log);

        assertThat(contents.count("reports")).isEqualTo(total);
        assertThat(contents.count("raw_reports")).isEqualTo(total);
        assertThat(contents.count("policy_results")).isEqualTo(tally.policies);
        assertThat(contents.count("failure_details")).isEqualTo(tally.details);
        assertThat(contents.dailyPolicy()).isEqualTo(tally.dailyPolicy);
        assertThat(contents.dailyFailures()).isEqualTo(tally.dailyFailures);
        assertThat(contents.count("quarantine")).isZero();
    }

    private Process launch(String topic, ClickHouseConnector database, Path log) throws Exception {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classPath, ProcessorMain.class.getName(),
                kafka.bootstrapServers(), database.jdbcUrl(), topic, "crash-group", "crash-instance", "500",
                System.getProperty("tlsrpt.crash.groupProtocol", "classic"));
        Files.writeString(log, "--- launch\n", java.nio.file.StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put(ProcessorMain.USER_ENV, database.user());
        builder.environment().put(ProcessorMain.PASSWORD_ENV, database.password());
        return builder.start();
    }
}
