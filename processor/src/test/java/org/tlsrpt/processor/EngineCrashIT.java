package org.tlsrpt.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tlsrpt.embedded.clickhouse.EmbeddedClickHouse;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.TestClickHouse;

/**
 * The other side of {@link CrashIT}: the engine, not the processor, is killed with SIGKILL at random moments while
 * the processor (a separate JVM, as in use) writes, and the embedded engine's supervisor starts it again on the same
 * data. A kill can land between a part and its deduplication log, between a table and its materialized view, or
 * between the tables of one batch; the processor retries the batch with the same token. At the end every table and
 * aggregate holds exactly what was sent. {@code tlsrpt.engine-crash.reports} (4,000) and {@code .kills} (4).
 */
@ExtendWith(SharedInfrastructure.class)
class EngineCrashIT {

    @Test
    void killingTheEngineAtRandomMomentsNeverLosesOrDoublesAReport(TestKafka kafka) throws Exception {
        int total = Integer.getInteger("tlsrpt.engine-crash.reports", 4_000);
        int kills = Integer.getInteger("tlsrpt.engine-crash.kills", 4);
        SplittableRandom random = new SplittableRandom(Long.getLong("tlsrpt.engine-crash.seed", System.nanoTime()));
        String topic = kafka.createTopic("engine-crash-reports", 3);
        TestReports.Tally tally = new TestReports.Tally();
        Path log = Files.createTempFile("tlsrpt-engine-crash-processor", ".log");
        // an engine of its own: the shared one serves other tests
        try (TestClickHouse clickhouse = new TestClickHouse()) {
            ClickHouseConnector database = clickhouse.freshDatabase("engine_crash");
            Contents contents = new Contents(database);
            EmbeddedClickHouse engine = clickhouse.engine();
            Thread producer = PacedReports.start(kafka, topic, total, 20, 100, tally); // about 200 reports/s
            Process processor = ProcessorMain.launch(kafka, topic, database, "engine-crash-group", 200, log);
            List<String> killedAt = new ArrayList<>();
            try {
                long stored = 0;
                while (killedAt.size() < kills && stored < total) {
                    long before = stored;
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                    while ((stored = countOrMinusOne(contents)) <= before && System.nanoTime() < deadline) {
                        Thread.sleep(50);
                    }
                    Thread.sleep(random.nextInt(1_000));
                    long pid = engine.childPid().orElseThrow();
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL the chDB child
                    killedAt.add(Long.toString(stored));
                    awaitRestart(engine, pid);
                }
                producer.join();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
                while (countOrMinusOne(contents) < total && System.nanoTime() < deadline) {
                    Thread.sleep(500);
                }
                Thread.sleep(2_000); // anything still in flight would show up as a surplus now
            } finally {
                processor.destroy();
                processor.waitFor(10, TimeUnit.SECONDS);
            }
            System.out.printf("engine crash test: %d reports, %d engine kills with %s reports stored, %d restarts; "
                    + "processor log %s%n", total, killedAt.size(), killedAt, engine.restarts(), log);

            assertThat(killedAt).as("kills while reports were being written").hasSize(kills);
            assertThat(engine.restarts()).isEqualTo(kills);
            contents.assertExactly(total, tally);
        }
    }

    /** The stored reports, or -1 while the engine is down. */
    private static long countOrMinusOne(Contents contents) {
        try {
            return contents.count("reports");
        } catch (SQLException e) {
            return -1;
        }
    }

    private static void awaitRestart(EmbeddedClickHouse engine, long killed) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!(engine.isHealthy() && engine.childPid().orElse(killed) != killed)) {
            assertThat(System.nanoTime()).as("the engine restarted within 90 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
