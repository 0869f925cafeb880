package org.tlsrpt.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsrpt.app.testing.AppProcess;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.ReportReader;
import org.tlsrpt.core.message.RecordCodec;
import org.tlsrpt.core.message.ReportRecord;
import org.tlsrpt.core.message.Topics;
import org.tlsrpt.embedded.FreePorts;
import org.tlsrpt.embedded.kafka.EmbeddedKafka;
import org.tlsrpt.embedded.kafka.EmbeddedKafkaConfig;

/**
 * The packaged application in the {@code ingest} role against an external broker that is stopped and restarted on
 * the same ports and data directory: while it is down nothing is promised (HTTP 503 with Retry-After, SMTP 451), and
 * once it is back every report the senders resend arrives exactly once. (IMAP leaving mail in the inbox while Kafka
 * is down is covered against Dovecot by ingest's DovecotImapIT.)
 */
class KafkaOutageIT {

    private static final String REPORTS = Topics.REPORTS;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void whileKafkaIsStoppedHttpAnswers503AndSmtp451AndAfterItsRestartEveryResentReportArrivesOnce()
            throws Exception {
        EmbeddedKafkaConfig broker = EmbeddedKafkaConfig.defaults(dir.resolve("broker"))
                .withPorts(FreePorts.pick(), FreePorts.pick());
        EmbeddedKafka kafka = EmbeddedKafka.start(broker);
        int smtpPort = FreePorts.pick();
        AppProcess app = null;
        try {
            app = AppProcess.packaged().settings(List.of(
                    "tlsrpt.roles=ingest",
                    "tlsrpt.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                    "tlsrpt.ingest.smtp.host=127.0.0.1",
                    "tlsrpt.ingest.smtp.port=" + smtpPort,
                    "tlsrpt.ingest.ack-timeout=" + ACK_TIMEOUT.toSeconds() + "s"))
                    .startReady(dir, Duration.ofSeconds(120));
            URI upload = URI.create("http://127.0.0.1:" + app.httpPort() + "/v1/reports");
            byte[] before = Fixtures.gzip(Fixtures.report("before-outage.example"));
            byte[] posted = Fixtures.gzip(Fixtures.report("posted-during-outage.example"));
            String mailed = Fixtures.mail("mailed-during-outage.example",
                    Fixtures.gzip(Fixtures.report("mailed-during-outage.example")));

            HttpResponse<String> first = post(upload, before);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);

            kafka.close();

            HttpResponse<String> refused = post(upload, posted);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                    seconds -> assertThat(Integer.parseInt(seconds)).isPositive());
            try (SmtpDialog smtp = new SmtpDialog(smtpPort)) {
                assertThat(smtp.send(mailed)).startsWith("451");
            }

            // A refused write stays in the producer until its delivery timeout (the ack timeout, IntakeProducer)
            // and could still land if the broker came back sooner: a duplicate the processor would count once,
            // but not what this test is about. So the broker stays down until those writes have expired.
            Thread.sleep(ACK_TIMEOUT.plusSeconds(3).toMillis());
            kafka = EmbeddedKafka.start(broker);
            assertThat(app.awaitReady(Duration.ofSeconds(90))).as("ready again; log:%n%s", app.tail()).isTrue();

            HttpResponse<String> resent = post(upload, posted);
            assertThat(resent.statusCode()).as(resent.body()).isEqualTo(201);
            try (SmtpDialog smtp = new SmtpDialog(smtpPort)) {
                assertThat(smtp.send(mailed)).startsWith("250");
            }

            String beforeKey = key(first);
            String postedKey = key(resent);
            String mailedKey = new ReportReader(Limits.DEFAULTS)
                    .read(mailed.getBytes(StandardCharsets.US_ASCII), "message/rfc822", null).reports().get(0).key().value();
            Map<String, Integer> counts = new HashMap<>();
            Map<String, ReportRecord> records = new HashMap<>();
            for (ConsumerRecord<String, byte[]> record : readAll(kafka.bootstrapServers())) {
                counts.merge(record.key(), 1, Integer::sum);
                records.put(record.key(), RecordCodec.decodeReport(record.value()).record());
            }
            assertThat(counts).containsOnly(Map.entry(beforeKey, 1), Map.entry(postedKey, 1),
                    Map.entry(mailedKey, 1));
            assertThat(records.get(postedKey).report().policies().get(0).policy().policyDomain())
                    .isEqualTo("posted-during-outage.example");
            assertThat(records.get(mailedKey).receipt().channel()).isEqualTo("smtp");
            assertThat(records.get(mailedKey).report().policies().get(0).policy().policyDomain())
                    .isEqualTo("mailed-during-outage.example");
        } finally {
            if (app != null) {
                app.close();
            }
            kafka.close();
        }
    }

    private HttpResponse<String> post(URI uri, byte[] gzip) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/tlsrpt+gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gzip)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String key(HttpResponse<String> created) throws Exception {
        return new ObjectMapper().readTree(created.body()).get("keys").get(0).asText();
    }

    /** Every record on the reports topic, from the beginning to the end offsets as they are now. */
    private static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(REPORTS).stream()
                    .map(info -> new TopicPartition(REPORTS, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("read to the end offsets in time").isLessThan(deadline);
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }
}
