package org.tlsrpt.processor.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.tlsrpt.processor.Await;
import org.tlsrpt.processor.Contents;
import org.tlsrpt.processor.Processor;
import org.tlsrpt.processor.ProcessorConfig;
import org.tlsrpt.processor.SharedInfrastructure;
import org.tlsrpt.processor.TestKafka;
import org.tlsrpt.processor.TestProcessorConfig;
import org.tlsrpt.processor.TestReports;
import org.tlsrpt.processor.consume.Batch;
import org.tlsrpt.processor.consume.BatchingConsumer;
import org.tlsrpt.processor.consume.ExactlyOnceDelivery;
import org.tlsrpt.processor.consume.OffsetRange;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.TestClickHouse;

/**
 * A crash at the worst moment, made deterministic: a batch's intent and every table but {@code reports} are
 * written, then the process "dies" (nothing committed). The next consumers poll more records than that batch held;
 * they must re-form exactly the recorded ranges, also of partitions they do not own, so ClickHouse drops the blocks
 * already written.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(SharedInfrastructure.class)
class InterruptedBatchIT {

    private TestKafka kafka;
    private TestClickHouse clickhouse;

    @BeforeAll
    void start(TestKafka kafka, TestClickHouse clickhouse) {
        this.kafka = kafka;
        this.clickhouse = clickhouse;
    }

    @Test
    void aRecordedBatchIsFoundFromEachOfItsPartitionsAndAnOlderSinglePartitionRowFromItsOwn() throws Exception {
        String topic = "recorded";
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (int n = 0; n < 30; n++) {
            records.add(new ConsumerRecord<>(topic, 0, 100 + n, "k" + n, new byte[0]));
        }
        for (int n = 0; n < 3; n++) {
            records.add(new ConsumerRecord<>(topic, 1, 7 + n, "j" + n, new byte[0]));
        }
        ClickHouseConnector database = clickhouse.freshDatabase("recorded");
        ExactlyOnceDelivery delivery = new ExactlyOnceDelivery(database);
        Batch batch = new Batch(topic, records);
        delivery.intend(batch);
        List<OffsetRange> both = List.of(new OffsetRange(0, 100, 129), new OffsetRange(1, 7, 9));

        assertThat(batch.ranges()).isEqualTo(both);
        assertThat(delivery.recorded(new TopicPartition(topic, 0), 100)).contains(both);
        assertThat(delivery.recorded(new TopicPartition(topic, 1), 7)).contains(both);
        assertThat(delivery.recorded(new TopicPartition(topic, 0), 101)).isEmpty();
        // an intent written before batches spanned partitions: no ranges, and the token it was written with
        try (var connection = database.open(); var statement = connection.createStatement()) {
            statement.execute("INSERT INTO processor_batches (topic, partition, first_offset, last_offset)"
                    + " VALUES ('recorded', 2, 5, 9)");
        }
        assertThat(delivery.recorded(new TopicPartition(topic, 2), 5)).contains(List.of(new OffsetRange(2, 5, 9)));
        assertThat(new Batch(topic, records.subList(0, 30)).deduplicationToken()).isEqualTo("recorded-0-100-129");
    }

    @Test
    void aBatchInterruptedBeforeItsReportsRowsIsReformedWithTheSameRangeAndCountedOnce() throws Exception {
        String topic = kafka.createTopic("interrupted", 1);
        ClickHouseConnector database = clickhouse.freshDatabase("interrupted");
        Contents contents = new Contents(database);
        TestReports.Tally tally = new TestReports.Tally();
        List<ConsumerRecord<String, byte[]>> firstThirty = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            String json = TestReports.generate(n, tally);
            String key = TestReports.record(json, "http").key();
            byte[] value = TestReports.value(json, "http");
            kafka.send(topic, key, value);
            if (n < 30) {
                firstThirty.add(new ConsumerRecord<>(topic, 0, n, key, value));
            }
        }
        crashBeforeReports(database, new Batch(topic, firstThirty));
        assertThat(contents.count("reports")).isZero();
        assertThat(contents.count("policy_results")).isPositive();

        ProcessorConfig config = TestProcessorConfig.reports(kafka.bootstrapServers()).withTopic(topic)
                .withGroupId("interrupted").withBatching(1_000, Duration.ofMillis(300));
        long batches;
        try (BatchingConsumer consumer = Processor.reports(config, database).start()) {
            Await.until(Duration.ofSeconds(60), consumer::recordsWritten, 50L);
            batches = consumer.batchesWritten();
        }

        contents.assertStored(50, tally);
        assertThat(batches).as("[0, 29] re-formed, then [30, 49]").isEqualTo(2);
    }

    @Test
    void aBatchSpanningPartitionsInterruptedBeforeItsReportsRowsIsReformedWholeByEachNewOwnerAndCountedOnce()
            throws Exception {
        String topic = kafka.createTopic("spanning", 2);
        ClickHouseConnector database = clickhouse.freshDatabase("spanning");
        Contents contents = new Contents(database);
        TestReports.Tally tally = new TestReports.Tally();
        List<ConsumerRecord<String, byte[]>> interrupted = new ArrayList<>();
        for (int n = 0; n < 40; n++) {
            String json = TestReports.generate(500 + n, tally);
            String key = TestReports.record(json, "http").key();
            byte[] value = TestReports.value(json, "http");
            int partition = n % 2;
            long offset = kafka.producer().send(new ProducerRecord<>(topic, partition, key, value)).get().offset();
            if (offset < (partition == 0 ? 15 : 10)) {
                interrupted.add(new ConsumerRecord<>(topic, partition, offset, key, value));
            }
        }
        crashBeforeReports(database, new Batch(topic, interrupted));
        assertThat(contents.count("reports")).isZero();

        // two processors share the partitions: each finds the batch from its own and writes all of it again
        ProcessorConfig config = TestProcessorConfig.reports(kafka.bootstrapServers()).withTopic(topic)
                .withGroupId("spanning").withBatching(1_000, Duration.ofMillis(300));
        try (BatchingConsumer one = Processor.reports(config, database).start();
                BatchingConsumer two = Processor.reports(config, database).start()) {
            Await.until(Duration.ofSeconds(60), () -> contents.count("reports"), 40L);
            Await.until(Duration.ofSeconds(30), () -> one.recordsWritten() + two.recordsWritten() >= 40, true);
        }

        contents.assertStored(40, tally);
    }

    /** What a processor leaves when it dies after writing every table of {@code batch} but {@code reports}. */
    private static void crashBeforeReports(ClickHouseConnector database, Batch batch) throws Exception {
        new ExactlyOnceDelivery(database).intend(batch);
        ReportRows rows = new ReportRows();
        for (ConsumerRecord<String, byte[]> record : batch.records()) {
            var decoded = org.tlsrpt.core.message.RecordCodec.decodeReport(record.value());
            rows.add(new ReportRows.Item(decoded.record(), decoded.raw(), record.partition(), record.offset()));
        }
        try (BulkInsert bulk = new BulkInsert(database)) {
            rows.insertDependents(bulk, batch.deduplicationToken());
        }
    }
}
