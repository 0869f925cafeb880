package org.tlsrpt.processor.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import org.tlsrpt.processor.consume.BatchingConsumer;
import org.tlsrpt.processor.consume.ExactlyOnceDelivery;
import org.tlsrpt.processor.consume.PartitionBatch;
import org.tlsrpt.storage.ClickHouseConnector;
import org.tlsrpt.storage.TestClickHouse;

/**
 * A crash at the worst moment, made deterministic: a batch's intent and every table but {@code reports} are
 * written, then the process "dies" (nothing committed). The next consumer polls more records than that batch held;
 * it must re-form exactly the recorded range so ClickHouse drops the blocks already written.
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
    void aFailedBatchIsRetriedInTheSameProcessWithExactlyItsRangeWhenMoreRecordsArePending() throws Exception {
        String topic = "retried";
        List<ConsumerRecord<String, byte[]>> pending = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            pending.add(new ConsumerRecord<>(topic, 0, 100 + n, "k" + n, new byte[0]));
        }
        ExactlyOnceDelivery delivery = new ExactlyOnceDelivery(clickhouse.freshDatabase("retried"));
        org.apache.kafka.common.TopicPartition partition = new org.apache.kafka.common.TopicPartition(topic, 0);
        delivery.intend(new PartitionBatch(topic, 0, pending.subList(0, 30)));
        // the write failed; the consumer polled 20 more records before it paused: the retry re-forms the 30
        assertThat(delivery.cut(partition, pending)).isEqualTo(30);
        delivery.written(new PartitionBatch(topic, 0, pending.subList(0, 30)));
        assertThat(delivery.cut(partition, pending.subList(30, 50))).isEqualTo(20);
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
        PartitionBatch interrupted = new PartitionBatch(topic, 0, firstThirty);
        new ExactlyOnceDelivery(database).intend(interrupted);
        ReportRows rows = new ReportRows();
        for (ConsumerRecord<String, byte[]> record : firstThirty) {
            var decoded = org.tlsrpt.core.message.RecordCodec.decodeReport(record.value());
            rows.add(new ReportRows.Item(decoded.record(), decoded.raw(), 0, record.offset()));
        }
        try (BulkInsert bulk = new BulkInsert(database)) {
            rows.insertDependents(bulk, interrupted.deduplicationToken());
        }
        assertThat(contents.count("reports")).isZero();
        assertThat(contents.count("policy_results")).isPositive();

        ProcessorConfig config = TestProcessorConfig.reports(kafka.bootstrapServers()).withTopic(topic)
                .withGroupId("interrupted").withBatching(1_000, Duration.ofMillis(300));
        long batches;
        try (BatchingConsumer consumer = Processor.reports(config, database).start()) {
            Await.until(Duration.ofSeconds(60), consumer::recordsWritten, 50L);
            batches = consumer.batchesWritten();
        }

        assertThat(contents.count("reports")).isEqualTo(50);
        assertThat(contents.count("raw_reports")).isEqualTo(50);
        assertThat(contents.count("policy_results")).isEqualTo(tally.policies);
        assertThat(contents.count("failure_details")).isEqualTo(tally.details);
        assertThat(contents.dailyPolicy()).isEqualTo(tally.dailyPolicy);
        assertThat(contents.dailyFailures()).isEqualTo(tally.dailyFailures);
        assertThat(batches).as("[0, 29] re-formed, then [30, 49]").isEqualTo(2);
    }
}
