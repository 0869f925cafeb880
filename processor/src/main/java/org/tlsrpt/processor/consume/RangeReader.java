package org.tlsrpt.processor.consume;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads exactly the records of recorded offset ranges, from whichever partitions they are in, with a consumer outside
 * the group (assigned, never committing): a batch that spanned partitions is re-formed whole by the processor that
 * finds it, even when other processors own some of its partitions now.
 */
final class RangeReader {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Properties properties;
    private final Duration timeout;

    RangeReader(Properties groupProperties, Duration timeout) {
        Properties props = new Properties();
        props.putAll(groupProperties);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_PROTOCOL_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.properties = props;
        this.timeout = timeout;
    }

    /**
     * The batch of {@code ranges}; fails when Kafka does not return them all within the timeout. Null when none of
     * the records is left (Kafka's retention deleted them): there is nothing to re-form.
     */
    Batch read(String topic, List<OffsetRange> ranges) {
        Map<TopicPartition, OffsetRange> wanted = new HashMap<>();
        for (OffsetRange range : ranges) {
            wanted.put(new TopicPartition(topic, range.partition()), range);
        }
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties)) {
            consumer.assign(wanted.keySet());
            wanted.forEach((partition, range) -> consumer.seek(partition, range.first()));
            Map<TopicPartition, OffsetRange> open = new HashMap<>(wanted);
            while (!open.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new KafkaException("could not read the recorded batch " + OffsetRange.text(ranges) + " of "
                            + topic + " within " + timeout + "; still missing " + open.keySet());
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    OffsetRange range = open.get(partition);
                    if (range != null && record.offset() >= range.first() && record.offset() <= range.last()) {
                        records.add(record);
                    }
                }
                for (TopicPartition partition : List.copyOf(open.keySet())) {
                    if (consumer.position(partition) > open.get(partition).last()) {
                        open.remove(partition);
                        consumer.pause(List.of(partition));
                    }
                }
            }
        }
        return records.isEmpty() ? null : new Batch(topic, records);
    }
}
