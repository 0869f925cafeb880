package org.tlsrpt.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tlsrpt.core.Sha256;
import org.tlsrpt.processor.consume.BatchingConsumer;
import org.tlsrpt.processor.write.ReportWriter;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.TestClickHouse;

/** The reports consumer against a real Kafka broker and the embedded ClickHouse. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedInfrastructure.class)
class ReportProcessorIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AtomicInteger IDS = new AtomicInteger();

    private TestKafka kafka;
    private TestClickHouse clickhouse;

    @BeforeAll
    void start(TestKafka kafka, TestClickHouse clickhouse) {
        this.kafka = kafka;
        this.clickhouse = clickhouse;
    }

    /** A topic, a database and a consumer group of its own for one test. */
    private record Lane(String topic, ClickHouseConnector database, ProcessorConfig config, Contents contents) {
    }

    private Lane lane() throws Exception {
        int id = IDS.incrementAndGet();
        String topic = kafka.createTopic("reports-" + id, 3);
        ClickHouseConnector database = clickhouse.freshDatabase("lane" + id);
        ProcessorConfig config = TestProcessorConfig.reports(kafka.bootstrapServers()).withTopic(topic)
                .withGroupId("processor-" + id).withBatching(200, Duration.ofMillis(200))
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        return new Lane(topic, database, config, new Contents(database));
    }

    @Test
    void generatedReportsFillEveryTableAndBothAggregatesExactly() throws Exception {
        Lane lane = lane();
        TestReports.Tally tally = new TestReports.Tally();
        List<String> sample = new ArrayList<>();
        for (int n = 0; n < 400; n++) {
            String json = TestReports.generate(n, tally);
            sample.add(json);
            kafka.sendAsync(lane.topic(), TestReports.record(json, "http").key(), TestReports.value(json, "http"));
        }
        kafka.flush();

        java.util.concurrent.atomic.AtomicLong told = new java.util.concurrent.atomic.AtomicLong();
        try (BatchingConsumer consumer = Processor.reports(lane.config(), lane.database(),
                new ReportWriter(lane.database()), batch -> told.addAndGet(batch.records().size())).start()) {
            Await.until(WAIT, () -> lane.contents().count("reports"), tally.reports);
            Await.until(WAIT, consumer::recordsWritten, 400L);
            Await.until(WAIT, told::get, 400L); // the listener hears of every stored and committed record
        }

        lane.contents().assertStored(400, tally);

        String json = sample.get(7);
        String key = TestReports.record(json, "http").key();
        assertThat(lane.contents().rows("SELECT organization, report_id, toString(day), channel, dkim, "
                + "hex(r.bytes), r.media_type FROM reports AS p INNER JOIN raw_reports AS r ON r.sha256 = p.raw_sha256 "
                + "WHERE key = '" + key + "'")).containsExactly(List.of("mail.ru", "load-7",
                        json.substring(json.indexOf("start-datetime") + 17, json.indexOf("start-datetime") + 27),
                        "http", "not-checked", HexFormat.of().withUpperCase().formatHex(
                                json.getBytes(StandardCharsets.UTF_8)), "application/tlsrpt+json"));
    }

    @Test
    void stsAndTlsaResultsOfOneReportStayApartInTheAggregates() throws Exception {
        Lane lane = lane();
        TestReports.Tally tally = new TestReports.Tally();
        String microsoft = TestReports.generate(1, tally); // n % 4 == 1: Microsoft, sts and tlsa
        kafka.send(lane.topic(), TestReports.record(microsoft, "smtp").key(), TestReports.value(microsoft, "smtp"));

        try (BatchingConsumer consumer = Processor.reports(lane.config(), lane.database()).start()) {
            Await.until(WAIT, () -> lane.contents().count("reports"), 1L);
        }

        assertThat(lane.contents().rows("SELECT policy_type, sum(successful), sum(failed) FROM daily_policy "
                + "GROUP BY policy_type ORDER BY policy_type")).extracting(row -> row.get(0))
                .containsExactly("sts", "tlsa");
        assertThat(lane.contents().dailyPolicy()).isEqualTo(tally.dailyPolicy).hasSize(2);
    }

    @Test
    void theSameReportThroughTwoChannelsAndAsAReplayIsCountedOnceInEveryTableAndView() throws Exception {
        Lane lane = lane();
        TestReports.Tally tally = new TestReports.Tally();
        List<String> reports = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            reports.add(TestReports.generate(1000 + n, tally));
        }
        for (String json : reports) { // by mail and over HTTPS, in the same batches
            kafka.sendAsync(lane.topic(), TestReports.record(json, "smtp").key(), TestReports.value(json, "smtp"));
            kafka.sendAsync(lane.topic(), TestReports.record(json, "http").key(), TestReports.value(json, "http"));
        }
        kafka.flush();
        ReportWriter writer = new ReportWriter(lane.database());
        try (BatchingConsumer consumer = Processor.reports(lane.config(), lane.database(), writer).start()) {
            Await.until(WAIT, consumer::recordsWritten, 80L);
            for (String json : reports.subList(0, 10)) { // a retry long after the first copy was committed
                kafka.send(lane.topic(), TestReports.record(json, "imap").key(), TestReports.value(json, "imap"));
            }
            Await.until(WAIT, consumer::recordsWritten, 90L);
        }
        // a replay: a new consumer group reads the whole topic again
        try (BatchingConsumer replay = Processor.reports(lane.config().withGroupId("replay-" + lane.topic()),
                lane.database()).start()) {
            Await.until(WAIT, replay::recordsWritten, 90L);
        }

        assertThat(writer.duplicates()).isEqualTo(50);
        lane.contents().assertStored(40, tally);
        assertThat(lane.contents().rows("SELECT DISTINCT channel FROM reports")).hasSize(1);
    }

    @Test
    void theSameBatchWrittenTwiceIsDroppedByClickHouseInTablesAndMaterializedViews() throws Exception {
        Lane lane = lane();
        TestReports.Tally tally = new TestReports.Tally();
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (int n = 0; n < 30; n++) {
            String json = TestReports.generate(2000 + n, tally);
            records.add(new org.apache.kafka.clients.consumer.ConsumerRecord<>(lane.topic(), 0, 100 + n,
                    TestReports.record(json, "http").key(), TestReports.value(json, "http")));
        }
        org.tlsrpt.processor.consume.Batch batch =
                new org.tlsrpt.processor.consume.Batch(lane.topic(), records);
        ReportWriter writer = new ReportWriter(lane.database());
        writer.write(batch);
        // as after a crash between insert and commit, when the reports insert itself was lost: the identity check
        // finds nothing, so only the token protects the other tables and the views
        clickhouseExecute(lane, "TRUNCATE TABLE reports");
        writer.write(batch);

        assertThat(lane.contents().count("policy_results")).isEqualTo(tally.policies);
        assertThat(lane.contents().count("failure_details")).isEqualTo(tally.details);
        assertThat(lane.contents().dailyPolicy()).isEqualTo(tally.dailyPolicy);
        assertThat(lane.contents().dailyFailures()).isEqualTo(tally.dailyFailures);
    }

    private static void clickhouseExecute(Lane lane, String sql) throws Exception {
        try (var c = lane.database().open(); var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void aPoisonRecordGoesToQuarantineWithItsCoordinatesAndTheConsumerGoesOn() throws Exception {
        Lane lane = lane();
        TestReports.Tally tally = new TestReports.Tally();
        String good = TestReports.generate(3000, tally);
        String key = TestReports.record(good, "http").key();
        byte[] poison = "definitely not a tlsrpt record".getBytes(StandardCharsets.UTF_8);
        kafka.send(lane.topic(), key, poison);
        kafka.send(lane.topic(), key, TestReports.value(good, "http"));

        try (BatchingConsumer consumer = Processor.reports(lane.config(), lane.database()).start()) {
            Await.until(WAIT, () -> lane.contents().count("reports"), 1L);
            assertThat(consumer.health().up()).isTrue();
        }

        List<List<String>> quarantined = lane.contents().rows("SELECT reason_code, source_topic, source_offset, "
                + "hex(bytes), sha256 FROM quarantine");
        assertThat(quarantined).hasSize(1);
        assertThat(quarantined.get(0).subList(0, 4)).containsExactly("malformed-record", lane.topic(), "0",
                HexFormat.of().withUpperCase().formatHex(poison));
        assertThat(quarantined.get(0).get(4)).isEqualTo(Sha256.hex(poison));
        assertThat(lane.contents().dailyPolicy()).isEqualTo(tally.dailyPolicy);
    }

    @Test
    void clickHouseUnreachableForAWhileLosesNothingDuplicatesNothingAndHealthRecovers() throws Exception {
        Lane lane = lane();
        try (TcpProxy proxy = new TcpProxy(clickhouse.engine().port())) {
            ClickHouseConnector viaProxy = new ClickHouseConnector(lane.database().jdbcUrl()
                    .replace(":" + clickhouse.engine().port() + "/", ":" + proxy.port() + "/"),
                    clickhouse.engine().config().user(), clickhouse.engine().config().password());
            TestReports.Tally tally = new TestReports.Tally();
            try (BatchingConsumer consumer = Processor.reports(lane.config(), viaProxy).start()) {
                for (int n = 0; n < 300; n++) {
                    String json = TestReports.generate(4000 + n, tally);
                    kafka.sendAsync(lane.topic(), TestReports.record(json, "http").key(),
                            TestReports.value(json, "http"));
                    if (n == 100) {
                        kafka.flush();
                        Await.until(WAIT, () -> consumer.recordsWritten() > 0, true);
                        proxy.cut();
                    }
                }
                kafka.flush();
                Await.until(WAIT, () -> consumer.health().up(), false);
                long writtenWhileDown = consumer.recordsWritten();
                Thread.sleep(Long.getLong("tlsrpt.outage.millis", 5_000));
                assertThat(consumer.recordsWritten()).isEqualTo(writtenWhileDown);
                assertThat(consumer.health().up()).isFalse();
                proxy.restore();
                Await.until(WAIT, consumer::recordsWritten, 300L);
                assertThat(consumer.health().up()).isTrue();
                assertThat(consumer.failures()).isPositive();
            }
            assertThat(lane.contents().count("reports")).isEqualTo(300);
            assertThat(lane.contents().count("policy_results")).isEqualTo(tally.policies);
            assertThat(lane.contents().count("failure_details")).isEqualTo(tally.details);
            assertThat(lane.contents().dailyPolicy()).isEqualTo(tally.dailyPolicy);
            assertThat(lane.contents().dailyFailures()).isEqualTo(tally.dailyFailures);
        }
    }

    @Test
    void quarantinedItemsAreStoredAndThoseThatParseTodayAreRepublishedAndCountedOnce() throws Exception {
        Lane lane = lane();
        String quarantineTopic = kafka.createTopic("quarantine-" + lane.topic(), 2);
        TestReports.Tally tally = new TestReports.Tally();
        byte[] parsesToday = TestReports.generate(5000, tally).getBytes(StandardCharsets.UTF_8);
        byte[] garbage = "{\"organization-name\": ".getBytes(StandardCharsets.UTF_8);
        for (byte[] bytes : List.of(parsesToday, garbage)) {
            org.tlsrpt.core.message.Receipt receipt = new org.tlsrpt.core.message.Receipt("http",
                    java.time.Instant.parse("2026-11-01T08:00:00Z"), "192.0.2.9", java.util.Map.of("request", "r1"),
                    "$", Sha256.hex(bytes), "application/tlsrpt+json",
                    org.tlsrpt.core.decode.Envelope.NONE, "not-checked", null, false);
            org.tlsrpt.core.message.QuarantineRecord record = new org.tlsrpt.core.message.QuarantineRecord(
                    new org.tlsrpt.core.problem.Refusal(org.tlsrpt.core.problem.RefusalCode.NOT_JSON, "$",
                            "an older parser refused it"), receipt);
            kafka.send(quarantineTopic, receipt.rawSha256(),
                    org.tlsrpt.core.message.RecordCodec.encode(record, bytes));
        }
        try (BatchingConsumer quarantine = Processor.quarantine(lane.config().withTopic(quarantineTopic)
                .withGroupId("q-" + lane.topic()), lane.database()).start()) {
            Await.until(WAIT, () -> lane.contents().count("quarantine"), 2L);
        }
        assertThat(lane.contents().rows("SELECT reason_code, channel, coordinates['request'], source_topic "
                + "FROM quarantine GROUP BY ALL")).containsExactly(List.of("not-json", "http", "r1", quarantineTopic));

        // the application hands items to the ingest's intake; here, a stand-in that parses and publishes
        org.tlsrpt.processor.reprocess.Reprocessor reprocessor = new org.tlsrpt.processor.reprocess.Reprocessor(
                lane.database(), item -> {
                    org.tlsrpt.core.ReadResult read = new org.tlsrpt.core.ReportReader(
                            org.tlsrpt.core.Limits.DEFAULTS).read(item.bytes(), item.mediaType(), null);
                    if (read.isRefused()) {
                        return new org.tlsrpt.processor.reprocess.Reprocessor.Resubmitted.StillRefused();
                    }
                    for (org.tlsrpt.core.ReadReport report : read.reports()) {
                        org.tlsrpt.core.message.ReportRecord record = new org.tlsrpt.core.message.ReportRecord(
                                report.key().value(), report.report(), report.findings(),
                                new org.tlsrpt.core.message.Receipt("reprocess", java.time.Instant.now(),
                                        item.origin(), item.coordinates(), report.location(),
                                        Sha256.hex(item.bytes()), item.mediaType(), report.envelope(),
                                        "not-checked", null, false));
                        try {
                            kafka.send(lane.topic(), record.key(),
                                    org.tlsrpt.core.message.RecordCodec.encode(record, item.bytes()));
                        } catch (Exception e) {
                            throw new java.io.IOException(e);
                        }
                    }
                    return new org.tlsrpt.processor.reprocess.Reprocessor.Resubmitted.Published(
                            read.reports().size());
                });
        org.tlsrpt.processor.reprocess.Reprocessor.Filter notJson =
                new org.tlsrpt.processor.reprocess.Reprocessor.Filter(java.time.Instant.parse("2026-10-01T00:00:00Z"),
                        "not-json");
        assertThat(reprocessor.run(notJson))
                .isEqualTo(new org.tlsrpt.processor.reprocess.Reprocessor.Outcome(2, 1, 1, 0));
        reprocessor.run(notJson); // run twice: still counted once
        assertThat(reprocessor.run(new org.tlsrpt.processor.reprocess.Reprocessor.Filter(null, "too-many-parts")))
                .isEqualTo(new org.tlsrpt.processor.reprocess.Reprocessor.Outcome(0, 0, 0, 0));

        try (BatchingConsumer consumer = Processor.reports(lane.config(), lane.database()).start()) {
            Await.until(WAIT, consumer::recordsWritten, 2L);
        }
        assertThat(lane.contents().rows("SELECT channel FROM reports")).containsExactly(List.of("reprocess"));
        assertThat(lane.contents().dailyPolicy()).isEqualTo(tally.dailyPolicy);
    }
}
