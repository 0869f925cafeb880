package org.tlsrpt.processor.consume;

import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Consecutive records of one partition, written to ClickHouse as one unit. Its offsets name it: the same range
 * always holds the same records, so it always produces the same rows and the same deduplication token.
 */
public record PartitionBatch(String topic, int partition, List<ConsumerRecord<String, byte[]>> records) {

    public PartitionBatch {
        Objects.requireNonNull(topic, "topic");
        records = List.copyOf(records);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one record");
        }
    }

    public long firstOffset() {
        return records.get(0).offset();
    }

    public long lastOffset() {
        return records.get(records.size() - 1).offset();
    }

    /**
     * {@code topic-partition-firstOffset-lastOffset}, as the ClickHouse Kafka Connect sink does; each table's
     * insert carries it as {@code insert_deduplication_token}.
     */
    public String deduplicationToken() {
        return topic + "-" + partition + "-" + firstOffset() + "-" + lastOffset();
    }
}
