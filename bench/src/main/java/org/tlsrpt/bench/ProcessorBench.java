package org.tlsrpt.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;
import org.tlsrpt.embedded.GlibcMalloc;
import org.tlsrpt.processor.Processor;
import org.tlsrpt.processor.ProcessorConfig;
import org.tlsrpt.processor.TestKafka;
import org.tlsrpt.processor.TestProcessorConfig;
import org.tlsrpt.processor.TestReports;
import org.tlsrpt.processor.consume.Batch;
import org.tlsrpt.processor.consume.BatchingConsumer;
import org.tlsrpt.processor.consume.WrittenListener;
import org.tlsrpt.processor.write.ReportWriter;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.TestClickHouse;

/**
 * {@code bench/run processor [--reports N] [--warmup N] [--batch N] [--partitions N] [--heavy-every N]
 * [--heavy-details N]}: fills a topic of the embedded Kafka with a realistic mix (the processor tests' generator:
 * most reports clean, some with a few failure details, a quarter Microsoft-like with sts and tlsa; plus every
 * {@code heavy-every}-th report with {@code heavy-details} failure details), then drains it with the real reports
 * consumer into the embedded ClickHouse and prints reports/s and failure-detail rows/s beside issue 15's targets.
 *
 * <p>What is measured is the steady drain: first {@code warmup} reports go through a topic and a database of their
 * own with the same classes, so that the JIT has compiled the path; then the measured drain counts from the end of
 * its first written batch (by then the consumer has joined its group and fetched) to the end of its last, and only
 * the records written in between. The CPU time of this JVM (consumer, writer and the in-process broker) and of the
 * chDB child over that window says where the time goes. The stored count is checked before anything is printed.
 */
final class ProcessorBench {

    static final Target REPORTS_PER_SECOND = Target.atLeast(50_000, "reports/s");
    static final Target DETAILS_PER_SECOND = Target.atLeast(500_000, "rows/s");

    private int reports = 100_000;
    private int warmup = 30_000;
    private int batch = 20_000;
    private int partitions = 6;
    private int heavyEvery = 1_000;
    private int heavyDetails = 2_000;

    private ProcessorBench(String[] args) {
        for (int i = 1; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            int value = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--reports" -> reports = value;
                case "--warmup" -> warmup = value;
                case "--batch" -> batch = value;
                case "--partitions" -> partitions = value;
                case "--heavy-every" -> heavyEvery = value;
                case "--heavy-details" -> heavyDetails = value;
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; known: --reports N "
                        + "--warmup N --batch N --partitions N --heavy-every N --heavy-details N");
            }
        }
    }

    static void main(String[] args) throws Exception {
        GlibcMalloc.keepFreedMemory(); // as `tlsrpt run` does: the consumer and broker unpack zstd batches
        new ProcessorBench(args).run();
    }

    private void run() throws Exception {
        try (TestKafka kafka = new TestKafka(); TestClickHouse clickhouse = new TestClickHouse()) {
            if (warmup > 0) {
                Drain warm = drain(kafka, clickhouse, "warmup", warmup);
                System.err.printf(Locale.ROOT, "warm-up: %d reports drained in %.1f s, not measured%n", warmup,
                        warm.seconds);
            }
            Drain drain = drain(kafka, clickhouse, "bench", reports);
            System.out.printf(Locale.ROOT, "processor-warmup: %d reports drained first through a topic and a database"
                    + " of their own (not measured)%n", warmup);
            System.out.printf(Locale.ROOT, "processor-drain: %d reports in %.1f s from the consumer's start, group join"
                    + " included (%d written batches, batches of up to %d, %d partitions)%n", reports, drain.seconds,
                    drain.batches, batch, partitions);
            Window window = drain.window();
            if (window == null) {
                System.out.printf(Locale.ROOT, "processor-window: none (all %d reports were written in one batch;"
                        + " raise --reports); the figures below are over the whole drain%n", reports);
                window = drain.whole();
            } else {
                System.out.printf(Locale.ROOT, "processor-window: %d reports in %.2f s, from the end of the first"
                        + " written batch to the end of the last (%d more batches)%n", window.records, window.seconds(),
                        drain.batches - 1);
            }
            double perSecond = window.records / window.seconds();
            double detailsPerSecond = window.failureDetails / window.seconds();
            System.out.printf(Locale.ROOT, "processor-reports-per-second: %.0f reports/s %s%n", perSecond,
                    REPORTS_PER_SECOND.beside(perSecond));
            System.out.printf(Locale.ROOT, "processor-failure-details-per-second: %.0f rows/s (%d rows) %s%n",
                    detailsPerSecond, window.failureDetails, DETAILS_PER_SECOND.beside(detailsPerSecond));
            System.out.printf(Locale.ROOT, "processor-rows-per-second: %.0f rows/s over all tables%n",
                    window.rows / window.seconds());
            double ownCpu = window.ownCpuNanos / 1e9;
            double childCpu = window.childCpuNanos / 1e9;
            System.out.printf(Locale.ROOT, "processor-cpu-jvm: %.2f s over the window (%.2f cores), %.0f µs per"
                    + " report (consumer, writer and the in-process broker)%n", ownCpu, ownCpu / window.seconds(),
                    ownCpu * 1e6 / window.records);
            System.out.printf(Locale.ROOT, "processor-cpu-chdb: %.2f s over the window (%.2f cores), %.0f µs per"
                    + " report (child pid %s)%n", childCpu, childCpu / window.seconds(), childCpu * 1e6 / window.records,
                    children());
        }
    }

    /** What the consumer had done by the end of one written batch. */
    private record Mark(long nanos, long records, long failureDetails, long rows, long ownCpuNanos,
            long childCpuNanos) {

        static Mark now(long records, ReportWriter writer) {
            return new Mark(System.nanoTime(), records, writer.failureDetails(), writer.rows(), CpuTime.own(),
                    CpuTime.ofDescendants(ProcessHandle.current()));
        }
    }

    /** The difference between two marks. */
    private record Window(long nanos, long records, long failureDetails, long rows, long ownCpuNanos,
            long childCpuNanos) {

        static Window between(Mark from, Mark to) {
            return new Window(to.nanos - from.nanos, to.records - from.records,
                    to.failureDetails - from.failureDetails, to.rows - from.rows, to.ownCpuNanos - from.ownCpuNanos,
                    to.childCpuNanos - from.childCpuNanos);
        }

        double seconds() {
            return nanos / 1e9;
        }
    }

    /** A drain: its time from the consumer's start, its batches, and the window after the first batch (or null). */
    private record Drain(double seconds, int batches, Mark start, Mark first, Mark last) {

        Window window() {
            return batches < 2 ? null : Window.between(first, last);
        }

        Window whole() {
            return Window.between(start, last);
        }
    }

    /**
     * Tells the end of each written batch (on the consumer's thread, after the commit): the first and the last are
     * the window's ends.
     */
    private static final class Batches implements WrittenListener {

        private final ReportWriter writer;
        private long records;
        private volatile int count;
        private volatile Mark first;
        private volatile Mark last;

        Batches(ReportWriter writer) {
            this.writer = writer;
        }

        @Override
        public void written(Batch batch) {
            records += batch.records().size();
            Mark mark = Mark.now(records, writer);
            if (first == null) {
                first = mark;
            }
            last = mark;
            count++;
        }
    }

    /** Fills a topic of its own with {@code count} reports and drains it into a database of its own. */
    private Drain drain(TestKafka kafka, TestClickHouse clickhouse, String name, int count) throws Exception {
        String topic = kafka.createTopic(name + ".reports", partitions);
        ClickHouseConnector database = clickhouse.freshDatabase(name);
        TestReports.Tally tally = new TestReports.Tally();
        long fillStarted = System.nanoTime();
        for (int n = 0; n < count; n++) {
            String json = heavyEvery > 0 && n % heavyEvery == heavyEvery - 1 ? heavy(n) : TestReports.generate(n, tally);
            kafka.sendAsync(topic, TestReports.record(json, "http").key(), TestReports.value(json, "http"));
        }
        kafka.flush();
        System.err.printf(Locale.ROOT, "%s: filled %d reports in %.1f s%n", name, count, seconds(fillStarted));

        ReportWriter writer = new ReportWriter(database);
        Batches batches = new Batches(writer);
        ProcessorConfig config = TestProcessorConfig.reports(kafka.bootstrapServers()).withTopic(topic)
                .withGroupId(name).withBatching(batch, Duration.ofMillis(1_000));
        Mark start = Mark.now(0, writer);
        try (BatchingConsumer consumer = Processor.reports(config, database, writer, batches).start()) {
            long lastReport = System.nanoTime();
            while (consumer.recordsWritten() < count || batches.last == null || batches.last.records < count) {
                if (seconds(start.nanos) > 1_800) {
                    throw new IllegalStateException("not drained in 30 minutes: " + consumer.recordsWritten());
                }
                if (!consumer.health().up() && seconds(lastReport) > 10) {
                    System.err.println("stalled at " + consumer.recordsWritten() + ": " + consumer.health());
                    lastReport = System.nanoTime();
                }
                Thread.sleep(20);
            }
        }
        long stored = clickhouse.number("SELECT count() FROM " + name + ".reports");
        if (stored != count) {
            throw new IllegalStateException("stored " + stored + " reports of " + count + " in " + name);
        }
        return new Drain((batches.last.nanos - start.nanos) / 1e9, batches.count, start, batches.first, batches.last);
    }

    /** The pids of this JVM's children: the chDB child JVM. */
    private static String children() {
        String pids = ProcessHandle.current().descendants().map(p -> Long.toString(p.pid()))
                .collect(Collectors.joining(", "));
        return pids.isEmpty() ? "none found" : pids;
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
