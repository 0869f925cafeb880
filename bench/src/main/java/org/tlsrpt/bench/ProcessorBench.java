package org.tlsrpt.bench;

import java.time.Duration;
import java.util.Locale;
import org.tlsrpt.embedded.GlibcMalloc;
import org.tlsrpt.processor.Processor;
import org.tlsrpt.processor.ProcessorConfig;
import org.tlsrpt.processor.TestKafka;
import org.tlsrpt.processor.TestProcessorConfig;
import org.tlsrpt.processor.TestReports;
import org.tlsrpt.processor.consume.BatchingConsumer;
import org.tlsrpt.processor.write.ReportWriter;
import org.tlsrpt.storage.TestClickHouse;

/**
 * {@code bench/run processor [--reports N] [--batch N] [--partitions N] [--heavy-every N] [--heavy-details N]}:
 * fills a topic of the embedded Kafka with a realistic mix (the processor tests' generator: most reports clean,
 * some with a few failure details, a quarter Microsoft-like with sts and tlsa; plus every {@code heavy-every}-th
 * report with {@code heavy-details} failure details), then drains it with the real reports consumer into the
 * embedded ClickHouse and prints reports/s and failure-detail rows/s. Checks the stored count before printing.
 */
final class ProcessorBench {

    private int reports = 100_000;
    private int batch = 20_000;
    private int partitions = 6;
    private int heavyEvery = 1_000;
    private int heavyDetails = 2_000;

    private ProcessorBench(String[] args) {
        for (int i = 1; i < args.length; i += 2) {
            int value = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--reports" -> reports = value;
                case "--batch" -> batch = value;
                case "--partitions" -> partitions = value;
                case "--heavy-every" -> heavyEvery = value;
                case "--heavy-details" -> heavyDetails = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; known: --reports N "
                        + "--batch N --partitions N --heavy-every N --heavy-details N");
            }
        }
    }

    static void main(String[] args) throws Exception {
        GlibcMalloc.keepFreedMemory(); // as `tlsrpt run` does: the consumer and broker unpack zstd batches
        new ProcessorBench(args).run();
    }

    private void run() throws Exception {
        try (TestKafka kafka = new TestKafka(); TestClickHouse clickhouse = new TestClickHouse()) {
            String topic = kafka.createTopic("bench.reports", partitions);
            var database = clickhouse.freshDatabase("bench");
            TestReports.Tally tally = new TestReports.Tally();
            long fillStarted = System.nanoTime();
            for (int n = 0; n < reports; n++) {
                String json = heavyEvery > 0 && n % heavyEvery == heavyEvery - 1 ? heavy(n) : TestReports.generate(n, tally);
                kafka.sendAsync(topic, TestReports.record(json, "http").key(), TestReports.value(json, "http"));
            }
            kafka.flush();
            System.err.printf(Locale.ROOT, "filled %d reports in %.1f s%n", reports, seconds(fillStarted));

            ReportWriter writer = new ReportWriter(database);
            ProcessorConfig config = TestProcessorConfig.reports(kafka.bootstrapServers()).withTopic(topic)
                    .withGroupId("bench").withBatching(batch, Duration.ofMillis(1_000));
            long started = System.nanoTime();
            try (BatchingConsumer consumer = Processor.reports(config, database, writer).start()) {
                long lastReport = System.nanoTime();
                while (consumer.recordsWritten() < reports) {
                    if (seconds(started) > 1_800) {
                        throw new IllegalStateException("not drained in 30 minutes: " + consumer.recordsWritten());
                    }
                    if (!consumer.health().up() && seconds(lastReport) > 10) {
                        System.err.println("stalled at " + consumer.recordsWritten() + ": " + consumer.health());
                        lastReport = System.nanoTime();
                    }
                    Thread.sleep(20);
                }
            }
            double elapsed = seconds(started);
            long stored = clickhouse.number("SELECT count() FROM bench.reports");
            if (stored != reports) {
                throw new IllegalStateException("stored " + stored + " reports of " + reports);
            }
            System.out.printf(Locale.ROOT, "processor-reports: %d reports in %.1f s (batches of up to %d, %d partitions)%n",
                    reports, elapsed, batch, partitions);
            System.out.printf(Locale.ROOT, "processor-reports-per-second: %.0f reports/s%n", reports / elapsed);
            System.out.printf(Locale.ROOT, "processor-failure-details-per-second: %.0f rows/s (%d rows)%n",
                    writer.failureDetails() / elapsed, writer.failureDetails());
            System.out.printf(Locale.ROOT, "processor-rows-per-second: %.0f rows/s over all tables%n",
                    writer.rows() / elapsed);
        }
    }

    /** A large sender's report for one busy domain: {@code heavyDetails} failure details from distinct IPs. */
    private String heavy(int n) {
        StringBuilder details = new StringBuilder(heavyDetails * 160);
        long failed = 0;
        for (int d = 0; d < heavyDetails; d++) {
            long count = 1 + d % 7;
            failed += count;
            details.append(d == 0 ? "" : ",").append("{\"result-type\":\"certificate-expired\",\"sending-mta-ip\":\"")
                    .append("10.").append(d >> 16 & 255).append('.').append(d >> 8 & 255).append('.').append(d & 255)
                    .append("\",\"receiving-mx-hostname\":\"mx").append(d % 4).append(".heavy.example\",")
                    .append("\"failed-session-count\":").append(count).append('}');
        }
        return "{\"organization-name\":\"Big Sender\",\"date-range\":{\"start-datetime\":\"2026-10-15T00:00:00Z\","
                + "\"end-datetime\":\"2026-10-15T23:59:59Z\"},\"contact-info\":\"tls@big.example\","
                + "\"report-id\":\"heavy-" + n + "\",\"policies\":[{\"policy\":{\"policy-type\":\"sts\","
                + "\"policy-domain\":\"heavy.example\"},\"summary\":{\"total-successful-session-count\":100000,"
                + "\"total-failure-session-count\":" + failed + "},\"failure-details\":[" + details + "]}]}";
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
