package org.tlsrpt.app.ingest;

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
import org.tlsrpt.core.message.QuarantineRecord;
import org.tlsrpt.core.message.RecordCodec;
import org.tlsrpt.core.message.ReportRecord;
import org.tlsrpt.core.message.Topics;

/** What the application wrote to Kafka, read back from the beginning to the end offsets as they are now. */
final class TopicRecords {

    private TopicRecords() {
    }

    static List<ReportRecord> reports(String bootstrapServers) {
        return readAll(bootstrapServers, Topics.REPORTS).stream()
                .map(record -> RecordCodec.decodeReport(record.value()).record()).toList();
    }

    static List<QuarantineRecord> quarantine(String bootstrapServers) {
        return readAll(bootstrapServers, Topics.QUARANTINE).stream()
                .map(record -> RecordCodec.decodeQuarantine(record.value()).record()).toList();
    }

    /** The policy domain of each report, the way a test names its reports. */
    static List<String> policyDomains(List<ReportRecord> reports) {
        return reports.stream().map(record -> record.report().policies().get(0).policy().policyDomain()).toList();
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers, String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end offsets in 30 s");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records;
        }
    }
}
