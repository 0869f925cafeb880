package org.tlsrpt.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.tlsrpt.processor.consume.BatchingConsumer;
import org.tlsrpt.processor.write.ReportWriter;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.TestClickHouse;

/**
 * Prints how fast the reports consumer drains a pre-filled topic into the embedded ClickHouse. Runs only when
 * {@code -Dtlsrpt.throughput.reports=N} is given; asserts counts, never timings.
 */
class ThroughputIT {

    @Test
    void drainingAPrefilledTopicPrintsReportsAndRowsPerSecond() throws Exception {
        int total = Integer.getInteger("tlsrpt.throughput.reports", 0);
        assumeTrue(total > 0, "set -Dtlsrpt.throughput.reports=N to measure");
        int batch = Integer.getInteger("tlsrpt.throughput.batch", 5_000);
        try (TestKafka kafka = new TestKafka(); TestClickHouse clickhouse = new TestClickHouse()) {
            String topic = kafka.createTopic("throughput", 3);
            ClickHouseConnector database = clickhouse.freshDatabase("throughput");
            TestReports.Tally tally = new TestReports.Tally();
            for (int n = 0; n < total; n++) {
                String json = TestReports.generate(n, tally);
                kafka.sendAsync(topic, TestReports.record(json, "http").key(), TestReports.value(json, "http"));
            }
            kafka.flush();
            ReportWriter writer = new ReportWriter(database);
            ProcessorConfig config = TestProcessorConfig.reports(kafka.bootstrapServers()).withTopic(topic)
                    .withGroupId("throughput").withBatching(batch, Duration.ofMillis(500));
            long started = System.nanoTime();
            long firstWrite = 0;
            try (BatchingConsumer consumer = Processor.reports(config, database, writer).start()) {
                long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
                while (consumer.recordsWritten() < total) {
                    assertThat(System.nanoTime()).as("drained within 10 minutes").isLessThan(deadline);
                    if (firstWrite == 0 && consumer.recordsWritten() > 0) {
                        firstWrite = System.nanoTime();
                    }
                    Thread.sleep(20);
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("throughput: %d reports (%d failure details, %d rows) in %.1f s with batches of %d: "
                    + "%.0f reports/s, %.0f rows/s, %.0f failure-detail rows/s%n", total, writer.failureDetails(),
                    writer.rows(), seconds, batch, total / seconds, writer.rows() / seconds,
                    writer.failureDetails() / seconds);
            assertThat(new Contents(database).count("reports")).isEqualTo(total);
        }
    }
}
