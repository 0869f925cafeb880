package org.tlsrpt.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tlsrpt.processor.consume.BatchingConsumer;
import org.tlsrpt.processor.write.ReportWriter;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.TestClickHouse;

/**
 * Prints how fast the reports consumer drains a pre-filled topic into the embedded ClickHouse, and what the tables
 * then hold on disk per report (the storage figures in docs/schema.md). Runs only when
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
            printTableSizes(database, total);
        }
    }

    /** Bytes on disk per table after merging everything (OPTIMIZE FINAL), as background merges leave them. */
    private static void printTableSizes(ClickHouseConnector database, int reports) throws Exception {
        Contents contents = new Contents(database);
        List<List<String>> tables = contents.rows("SELECT name FROM system.tables "
                + "WHERE database = currentDatabase() AND engine LIKE '%MergeTree' ORDER BY name");
        try (java.sql.Connection connection = database.open();
                java.sql.Statement statement = connection.createStatement()) {
            for (List<String> table : tables) {
                statement.execute("OPTIMIZE TABLE " + table.get(0) + " FINAL");
            }
        }
        for (List<String> row : contents.rows("SELECT table, sum(rows), sum(bytes_on_disk), "
                + "sum(data_compressed_bytes), sum(data_uncompressed_bytes) FROM system.parts "
                + "WHERE database = currentDatabase() AND active GROUP BY table ORDER BY table")) {
            System.out.printf("storage: %-20s %9s rows %12s bytes on disk (%.1f per report), compressed %s, "
                    + "uncompressed %s%n", row.get(0), row.get(1), row.get(2),
                    Double.parseDouble(row.get(2)) / reports, row.get(3), row.get(4));
        }
    }
}
