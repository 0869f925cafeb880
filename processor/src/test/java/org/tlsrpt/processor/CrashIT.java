package org.tlsrpt.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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

        SplittableRandom random = new SplittableRandom(Long.getLong("tlsrpt.crash.seed", System.nanoTime()));
        int kills = Integer.getInteger("tlsrpt.crash.kills", 5);
        List<String> killedAt = new ArrayList<>();
        // about 250 reports/s: the processor drains faster than it restarts, so a backlog would leave no kill to make
        Thread producer = PacedReports.start(kafka, topic, total, 25, 100, tally);
        Process processor = ProcessorMain.launch(kafka, topic, database, "crash-group", 500, log);
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
                processor = ProcessorMain.launch(kafka, topic, database, "crash-group", 500, log);
            }
        }
        if (!processor.isAlive()) {
            processor = ProcessorMain.launch(kafka, topic, database, "crash-group", 500, log);
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

        assertThat(killedAt).as("kills while reports were being written").hasSize(kills);
        contents.assertExactly(total, tally);
    }
}
