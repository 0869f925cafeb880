package org.tlsrpt.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsrpt.core.message.QuarantineRecord;
import org.tlsrpt.core.message.RecordCodec;
import org.tlsrpt.core.message.ReportRecord;
import org.tlsrpt.embedded.kafka.EmbeddedKafka;
import org.tlsrpt.embedded.kafka.EmbeddedKafkaConfig;

/** {@code tlsrpt import} into a real Kafka broker, from an mbox, a Maildir and a plain file. */
class ImportCommandTest {

    @TempDir
    static Path kafkaDir;

    @TempDir
    Path inputs;

    private static EmbeddedKafka kafka;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startKafka() {
        kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(kafkaDir).withPorts(0, 0));
    }

    @AfterAll
    static void stopKafka() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private int run(String... args) {
        assertThat(args[0]).isEqualTo("import");
        return TlsrptCommand.execute(List.of(args), Streams.of(InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    }

    private static byte[] fixture(String resource) throws IOException {
        try (InputStream in = ImportCommandTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        }
    }

    private static String mail(String name) throws IOException {
        return new String(fixture("/mail/" + name), StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    @Test
    void mboxMaildirAndFilesGoThroughTheIntakeAndTheSummarySaysWhatBecameOfThem() throws IOException {
        Path mbox = inputs.resolve("reports.mbox");
        Files.writeString(mbox, "From noreply@google.com Sun Sep 15 09:00:00 2024\n" + mail("google-multipart-report.eml")
                + "\nFrom cron@host.example Sun Sep 15 09:00:01 2024\n" + mail("cron-not-a-report.eml")
                + "\nFrom reports@sender.example Sun Sep 15 09:00:02 2024\n" + mail("two-reports.eml") + "\n");
        Path maildir = inputs.resolve("Maildir");
        Files.createDirectories(maildir.resolve("cur"));
        Files.createDirectories(maildir.resolve("new"));
        Files.createDirectories(maildir.resolve("tmp"));
        Files.write(maildir.resolve("cur/1.host:2,S"), fixture("/mail/one-broken-part.eml"));
        Files.write(maildir.resolve("new/2.host"), fixture("/mail/google-multipart-report.eml"));
        Files.writeString(maildir.resolve("tmp/3.host"), "half written");
        Files.writeString(maildir.resolve("dovecot-uidlist"), "3 V1 N2");
        Path file = inputs.resolve("rfc8460-example.json");
        Files.write(file, fixture("/reports/rfc8460-example.json"));

        int status = run("import", "--kafka", kafka.bootstrapServers(), mbox.toString(), maildir.toString(),
                file.toString());

        String summary = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(summary + err).isEqualTo(1);
        assertThat(summary).contains("imported 6 input(s)")
                .contains("accepted reports: 6 (3 seen again within this import; they count once)")
                .contains("quarantined:      1 (truncated-compression 1)")
                .contains("refused:          1 (no-report-in-message 1)")
                .contains("errors:           0");
        assertThat(err.toString(StandardCharsets.UTF_8)).as("no progress bar without a terminal").isEmpty();

        // the broker is shared with the other tests of this class: only the records read from this test's files
        List<ConsumerRecord<String, byte[]>> reports = readAll("tlsrpt.reports", 6).stream()
                .filter(record -> RecordCodec.decodeReport(record.value()).record().receipt().coordinates()
                        .getOrDefault("path", "").startsWith(inputs.toString()))
                .toList();
        assertThat(reports).hasSize(6);
        assertThat(reports).allSatisfy(record -> assertThat(
                RecordCodec.decodeReport(record.value()).record().receipt().channel()).isEqualTo("import"));
        assertThat(reports.stream().map(ConsumerRecord::key).distinct()).as("three reports twice").hasSize(3);
        List<ConsumerRecord<String, byte[]>> quarantined = readAll("tlsrpt.quarantine", 1);
        assertThat(quarantined).hasSize(1);
        RecordCodec.Decoded<QuarantineRecord> item = RecordCodec.decodeQuarantine(quarantined.get(0).value());
        assertThat(item.record().receipt().coordinates()).containsEntry("path", maildir.resolve("cur/1.host:2,S")
                .toString());
        assertThat(item.raw()).isEqualTo(fixture("/mail/one-broken-part.eml"));
    }

    /** Issue 12, hole 3: importing an archive used to lose its old reports without a word. */
    @Test
    void reportsOlderThanTheRetentionAreNamedInTheSummaryAndTheExitStatusSaysNotEverythingWillCount()
            throws IOException {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        String example = new String(fixture("/reports/rfc8460-example.json"), StandardCharsets.UTF_8);
        String oldDay = example.replaceAll("\\d{4}-\\d{2}-\\d{2}T", today.minusYears(3) + "T");
        String recent = example.replaceAll("\\d{4}-\\d{2}-\\d{2}T", today.minusDays(3) + "T");
        Path old = inputs.resolve("old.json");
        Path fresh = inputs.resolve("fresh.json");
        Files.writeString(old, oldDay);
        Files.writeString(fresh, recent);

        int status = run("import", "--kafka", kafka.bootstrapServers(), old.toString(), fresh.toString());

        String summary = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(summary + err).isEqualTo(1);
        assertThat(summary).contains("accepted reports: 2")
                .contains("outside retention: 1 (oldest dated " + today.minusYears(3))
                .contains("tlsrpt reprocess --reason outside-retention");
    }

    @Test
    void onATerminalAProgressBarIsDrawnOnStderrAndTheSummaryStaysTheSame() throws IOException {
        // a mail without a report: refused, so nothing reaches the topics the other tests count
        Path file = inputs.resolve("cron.eml");
        Files.write(file, fixture("/mail/cron-not-a-report.eml"));

        int status = TlsrptCommand.execute(List.of("import", "--kafka", kafka.bootstrapServers(), file.toString()),
                new Streams(InputStream.nullInputStream(), new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8), true));

        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).as("the bar, redrawn in place").contains("\rimport")
                .contains("100%");
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("imported 1 input(s)")
                .contains("refused:          1 (no-report-in-message 1)").doesNotContain("\r");
    }

    @Test
    void withoutARunningKafkaImportSaysSoAndStartsNothing() throws IOException {
        Path file = inputs.resolve("report.json");
        Files.write(file, fixture("/reports/rfc8460-example.json"));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        int status = run("import", "--kafka", "127.0.0.1:" + closedPort, file.toString());

        assertThat(status).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no Kafka at 127.0.0.1:" + closedPort)
                .contains("never starts one");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aMissingPathIsAUsageErrorBeforeAnythingIsSent() {
        assertThat(run("import", "--kafka", kafka.bootstrapServers(), inputs.resolve("nothing-here").toString()))
                .isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nothing-here");
        assertThat(run("import")).isEqualTo(2);
    }

    /** Every record on the topic; polls until {@code expected} arrived and then a little longer for extras. */
    private static List<ConsumerRecord<String, byte[]>> readAll(String topic, int expected) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int quietPolls = 0;
            while (System.nanoTime() < deadline && quietPolls < 3) {
                var batch = consumer.poll(Duration.ofMillis(300));
                batch.forEach(records::add);
                if (records.size() >= expected && batch.isEmpty()) {
                    quietPolls++;
                }
            }
        }
        return records;
    }
}
