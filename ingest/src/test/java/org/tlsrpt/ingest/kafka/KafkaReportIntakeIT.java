package org.tlsrpt.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.ReportReader;
import org.tlsrpt.core.Sha256;
import org.tlsrpt.core.problem.RefusalCode;
import org.tlsrpt.embedded.kafka.EmbeddedKafka;
import org.tlsrpt.embedded.kafka.EmbeddedKafkaConfig;
import org.tlsrpt.ingest.Channel;
import org.tlsrpt.ingest.DkimVerdict;
import org.tlsrpt.ingest.Intake;
import org.tlsrpt.ingest.IntakeResult;

/** The intake against a real broker: what it promises when Kafka is there, and when it is not. */
class KafkaReportIntakeIT {

    private static final String REPORT = """
            {"organization-name":"Mail.ru","date-range":{"start-datetime":"2026-11-27T00:00:00Z",\
            "end-datetime":"2026-11-28T00:00:00Z"},"contact-info":"tls_support@corp.mail.ru","report-id":"r-%s",\
            "policies":[{"policy":{"policy-type":"sts","policy-domain":"%s"},"summary":{\
            "total-successful-session-count":5,"total-failure-session-count":0}}]}""";

    @TempDir
    Path dataDir;

    private static Producer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 4_000),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static Intake intake(Channel channel, String body, DkimVerdict dkim) {
        return new Intake(channel, body.getBytes(StandardCharsets.UTF_8), "application/tlsrpt+json", null,
                Instant.now(), "192.0.2.9", Map.of(), dkim);
    }

    private KafkaReportIntake intake(Producer<String, byte[]> producer, IntakePolicy policy) {
        return new KafkaReportIntake(new ReportReader(Limits.DEFAULTS), producer, IntakeTopics.DEFAULT, policy,
                Duration.ofSeconds(3));
    }

    @Test
    void storesWhileTheBrokerRunsAndAnswersUnavailableOnceItIsGone() {
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(dataDir).withPorts(0, 0));
        try (Producer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
            KafkaReportIntake intake = intake(producer, IntakePolicy.OPEN);

            IntakeResult stored = intake.receive(intake(Channel.HTTP, REPORT.formatted("1", "example.org"), null));
            assertThat(stored).isInstanceOf(IntakeResult.Stored.class);
            assertThat(((IntakeResult.Stored) stored).keys()).hasSize(1);

            IntakeResult broken = intake.receive(intake(Channel.HTTP, "{\"organization-name\":", null));
            assertThat(broken).isInstanceOfSatisfying(IntakeResult.Quarantined.class,
                    q -> assertThat(q.reasons().get(0).code()).isEqualTo(RefusalCode.NOT_JSON));

            kafka.close();

            IntakeResult unavailable = intake.receive(intake(Channel.HTTP, REPORT.formatted("2", "example.org"),
                    null));
            assertThat(unavailable).isInstanceOf(IntakeResult.Unavailable.class);
        } finally {
            kafka.close();
        }
    }

    @Test
    void aGoodReportBesideABombAttachmentIsStoredAndTheBombQuarantined() throws java.io.IOException {
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(dataDir).withPorts(0, 0));
        try (Producer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
            KafkaReportIntake intake = intake(producer, IntakePolicy.OPEN);
            // Looks like JSON ('{' then blanks) so that only its expansion can stop it.
            byte[] blanks = new byte[1024 * 1024];
            java.util.Arrays.fill(blanks, (byte) ' ');
            java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(bomb)) {
                gzip.write('{');
                for (int i = 0; i < 64; i++) {
                    gzip.write(blanks);
                }
            }
            String mail = "From: reports@sender.example\r\nTo: tlsrpt@example.org\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/report; report-type=tlsrpt; boundary=b\r\n\r\n"
                    + "--b\r\nContent-Type: application/tlsrpt+json\r\n\r\n" + REPORT.formatted("7", "example.org")
                    + "\r\n--b\r\nContent-Type: application/tlsrpt+gzip\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                    + java.util.Base64.getMimeEncoder().encodeToString(bomb.toByteArray()) + "\r\n--b--\r\n";

            IntakeResult result = intake.receive(intake(Channel.SMTP, mail, null));

            assertThat(result).isInstanceOfSatisfying(IntakeResult.Quarantined.class, q -> {
                assertThat(q.keys()).hasSize(1);
                assertThat(q.reasons()).extracting(r -> r.code().isSizeLimit()).containsExactly(true);
            });
        } finally {
            kafka.close();
        }
    }

    @Test
    void aReportTooLargeForOneKafkaRecordIsRefusedAsTooLargeNotLeftToBeRetriedForever() {
        // Under the 20 MiB input limit, but with its canonical form beside it over Kafka's 32 MiB record.
        StringBuilder details = new StringBuilder();
        for (int i = 0; i < 62_000; i++) {
            details.append(i == 0 ? "" : ",").append("""
                    {"result-type":"certificate-expired","sending-mta-ip":"192.0.2.%d",\
                    "receiving-mx-hostname":"mx-%06d.a-rather-long-mail-exchanger-name.customers.example",\
                    "additional-information":"https://reports.example/tlsrpt/details/%06d/certificate-expired",\
                    "failure-reason-code":"X509_V_ERR_CERT_HAS_EXPIRED","failed-session-count":1}""".formatted(
                    i % 250, i, i));
        }
        String big = """
                {"organization-name":"Big Sender","date-range":{"start-datetime":"2026-11-27T00:00:00Z",\
                "end-datetime":"2026-11-28T00:00:00Z"},"contact-info":"tlsrpt@big.example","report-id":"big-1",\
                "policies":[{"policy":{"policy-type":"sts","policy-domain":"customers.example"},"summary":{\
                "total-successful-session-count":5,"total-failure-session-count":62000},\
                "failure-details":[%s]}]}""".formatted(details);
        assertThat(big.length()).isBetween(16 * 1024 * 1024, 20 * 1024 * 1024);
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(dataDir).withPorts(0, 0));
        try (Producer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
            KafkaReportIntake intake = intake(producer, IntakePolicy.OPEN);

            assertThat(intake.receive(intake(Channel.HTTP, big, null)))
                    .isInstanceOfSatisfying(IntakeResult.TooLarge.class, tooLarge -> assertThat(
                            tooLarge.reason().code()).isEqualTo(RefusalCode.MESSAGE_TOO_LARGE));
            assertThat(intake.receive(intake(Channel.HTTP, REPORT.formatted("7", "customers.example"), null)))
                    .as("the producer is not stuck with it").isInstanceOf(IntakeResult.Stored.class);
        } finally {
            kafka.close();
        }
    }

    @Test
    void policyRefusesDomainsNotServedAndQuarantinesUnsignedMailWhenDkimIsRequired() {
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(dataDir).withPorts(0, 0));
        try (Producer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
            KafkaReportIntake intake = intake(producer, new IntakePolicy(List.of(".customers.example"), org.tlsrpt.ingest.dkim.DkimPolicy.REQUIRE));

            assertThat(intake.receive(intake(Channel.HTTP, REPORT.formatted("3", "elsewhere.example"), null)))
                    .isInstanceOf(IntakeResult.Forbidden.class);
            assertThat(intake.receive(intake(Channel.HTTP, REPORT.formatted("4", "a.customers.example"), null)))
                    .isInstanceOf(IntakeResult.Stored.class);
            assertThat(intake.receive(intake(Channel.SMTP, REPORT.formatted("5", "a.customers.example"),
                    DkimVerdict.UNSIGNED)))
                    .isInstanceOfSatisfying(IntakeResult.Quarantined.class,
                            q -> assertThat(q.reasons().get(0).code()).isEqualTo(RefusalCode.DKIM_REQUIRED));
            assertThat(intake.receive(intake(Channel.SMTP, REPORT.formatted("6", "a.customers.example"),
                    new DkimVerdict(DkimVerdict.Result.PASS, "corp.mail.ru", true, null))))
                    .isInstanceOf(IntakeResult.Stored.class);
        } finally {
            kafka.close();
        }
    }

    @Test
    void quotasAnswerOverQuotaAndOnlyASampleOfRefusedReportsIsKeptInQuarantine() {
        EmbeddedKafka kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(dataDir).withPorts(0, 0));
        try (Producer<String, byte[]> producer = producer(kafka.bootstrapServers())) {
            java.time.Clock clock = java.time.Clock.fixed(Instant.parse("2026-11-28T23:00:00Z"),
                    java.time.ZoneOffset.UTC);
            KafkaReportIntake intake = new KafkaReportIntake(new ReportReader(Limits.DEFAULTS), producer,
                    IntakeTopics.DEFAULT, new IntakePolicy(List.of("example.org"),
                            org.tlsrpt.ingest.dkim.DkimPolicy.RECORD), Duration.ofSeconds(3),
                    new org.tlsrpt.ingest.quota.IntakeQuotas(new org.tlsrpt.ingest.quota.IntakeQuotas.Limits(0, 2),
                            clock),
                    new org.tlsrpt.ingest.quota.RefusedSample(1, clock), org.tlsrpt.ingest.IntakeMetrics.NONE);

            assertThat(intake.receive(intake(Channel.HTTP, REPORT.formatted("q1", "example.org"), null)))
                    .isInstanceOf(IntakeResult.Stored.class);
            assertThat(intake.receive(intake(Channel.SMTP, REPORT.formatted("q2", "example.org"), null)))
                    .isInstanceOf(IntakeResult.Stored.class);
            assertThat(intake.receive(intake(Channel.HTTP, REPORT.formatted("q3", "example.org"), null)))
                    .isInstanceOfSatisfying(IntakeResult.OverQuota.class,
                            over -> assertThat(over.retryAfter()).isEqualTo(Duration.ofHours(1)));
            assertThat(intake.receive(intake(Channel.IMPORT, REPORT.formatted("q4", "example.org"), null)))
                    .as("the operator's import is not held to the senders' quotas")
                    .isInstanceOf(IntakeResult.Stored.class);

            String first = REPORT.formatted("f1", "elsewhere.example");
            assertThat(intake.receive(intake(Channel.HTTP, first, null))).isInstanceOf(IntakeResult.Forbidden.class);
            assertThat(intake.receive(intake(Channel.HTTP, REPORT.formatted("f2", "elsewhere.example"), null)))
                    .isInstanceOf(IntakeResult.Forbidden.class);

            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> quarantined =
                    readAll(kafka.bootstrapServers(), IntakeTopics.DEFAULT.quarantine(), 1);
            assertThat(quarantined).hasSize(1);
            assertThat(quarantined.get(0).key())
                    .isEqualTo(Sha256.hex(first.getBytes(StandardCharsets.UTF_8)));
            assertThat(org.tlsrpt.core.message.RecordCodec.decodeQuarantine(quarantined.get(0).value()).record()
                    .reason().code()).isEqualTo(RefusalCode.DOMAIN_NOT_ALLOWED);
            assertThat(readAll(kafka.bootstrapServers(), IntakeTopics.DEFAULT.reports(), 3)).hasSize(3);
        } finally {
            kafka.close();
        }
    }

    /** Every record on the topic; polls until {@code expected} arrived and then a little longer for extras. */
    private static List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> readAll(String bootstrap,
            String topic, int expected) {
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> records = new java.util.ArrayList<>();
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> consumer =
                new org.apache.kafka.clients.consumer.KafkaConsumer<>(Map.of(
                        org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                        new org.apache.kafka.common.serialization.StringDeserializer(),
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int emptyPollsAfterExpected = 0;
            while (System.nanoTime() < deadline && emptyPollsAfterExpected < 3) {
                var batch = consumer.poll(Duration.ofMillis(300));
                batch.forEach(records::add);
                if (records.size() >= expected && batch.isEmpty()) {
                    emptyPollsAfterExpected++;
                }
            }
        }
        return records;
    }
}
