package org.tlsrpt.processor.consume;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tlsrpt.core.Sha256;

/**
 * Records of one topic, from one or more partitions, written to ClickHouse as one unit: one insert per table, whatever
 * the number of partitions, because every insert into the embedded engine has a fixed cost. Its offset ranges name
 * it: the same ranges always hold the same records, so they always produce the same rows and the same deduplication
 * token. Records are kept in partition, then offset order.
 */
public record Batch(String topic, List<ConsumerRecord<String, byte[]>> records) {

    /** Tokens longer than this (a consumer owning many partitions) are replaced by their SHA-256. */
    private static final int LONGEST_READABLE_TOKEN = 200;
    private static final Comparator<ConsumerRecord<String, byte[]>> ORDER =
            Comparator.<ConsumerRecord<String, byte[]>>comparingInt(ConsumerRecord::partition)
                    .thenComparingLong(ConsumerRecord::offset);

    public Batch {
        Objects.requireNonNull(topic, "topic");
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one record");
        }
        List<ConsumerRecord<String, byte[]>> sorted = new ArrayList<>(records);
        sorted.sort(ORDER);
        records = List.copyOf(sorted);
    }

    /** The first and last offset of each partition in the batch, by partition. */
    public List<OffsetRange> ranges() {
        List<OffsetRange> ranges = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= records.size(); i++) {
            if (i == records.size() || records.get(i).partition() != records.get(start).partition()) {
                ranges.add(new OffsetRange(records.get(start).partition(), records.get(start).offset(),
                        records.get(i - 1).offset()));
                start = i;
            }
        }
        return ranges;
    }

    /**
     * Carried by each table's insert as {@code insert_deduplication_token}. For one partition
     * {@code topic-partition-firstOffset-lastOffset}, as the ClickHouse Kafka Connect sink does (and as batches were
     * named before they spanned partitions, so a batch recorded by an older release is re-formed with its token);
     * for several, {@code topic-} and the ranges.
     */
    public String deduplicationToken() {
        List<OffsetRange> ranges = ranges();
        if (ranges.size() == 1) {
            OffsetRange only = ranges.get(0);
            return topic + "-" + only.partition() + "-" + only.first() + "-" + only.last();
        }
        String token = topic + "-" + OffsetRange.text(ranges);
        return token.length() <= LONGEST_READABLE_TOKEN ? token : topic + "-" + Sha256.hex(token.getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
    }
}
