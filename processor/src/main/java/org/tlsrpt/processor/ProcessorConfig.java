package org.tlsrpt.processor;

import java.time.Duration;
import java.util.Objects;

/**
 * How a processor consumer reads Kafka and batches into ClickHouse. Invalid values are refused with the reason. The
 * defaults are the operator's settings ({@code tlsrpt.processor.*} in the app), written there only.
 *
 * @param bootstrapServers Kafka {@code bootstrap.servers}
 * @param groupId          consumer group; all processors of one deployment share it
 * @param instanceId       static group membership id ({@code group.instance.id}) so a restarted process takes its
 *                         partitions back at once; null for dynamic membership
 * @param topic            the topic to consume ({@code tlsrpt.reports} or {@code tlsrpt.quarantine})
 * @param maxBatchRecords  a batch is written once this many records are pending
 * @param maxBatchDelay    ...or once the oldest pending record has waited this long (since its acceptance when the
 *                         consumer has caught up, since it was polled otherwise: {@code BatchTrigger})
 * @param minBackoff       first wait after ClickHouse failed a batch
 * @param maxBackoff       longest wait between retries (the wait doubles after each failure)
 * @param sessionTimeout   Kafka {@code session.timeout.ms}: how soon a dead processor's partitions move
 * @param kafkaOverrides   further consumer properties, applied last (e.g. {@code group.protocol=consumer})
 */
public record ProcessorConfig(
        String bootstrapServers,
        String groupId,
        String instanceId,
        String topic,
        int maxBatchRecords,
        Duration maxBatchDelay,
        Duration minBackoff,
        Duration maxBackoff,
        Duration sessionTimeout,
        java.util.Map<String, String> kafkaOverrides) {

    public ProcessorConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(topic, "topic");
        kafkaOverrides = java.util.Map.copyOf(kafkaOverrides);
        if (maxBatchRecords < 1 || maxBatchRecords > 1_000_000) {
            throw new IllegalArgumentException("maxBatchRecords must be 1-1000000, was " + maxBatchRecords);
        }
        positive("maxBatchDelay", maxBatchDelay);
        positive("minBackoff", minBackoff);
        positive("maxBackoff", maxBackoff);
        positive("sessionTimeout", sessionTimeout);
        if (maxBackoff.compareTo(minBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is below minBackoff " + minBackoff);
        }
    }

    public ProcessorConfig withTopic(String topic) {
        return new ProcessorConfig(bootstrapServers, groupId, instanceId, topic, maxBatchRecords, maxBatchDelay,
                minBackoff, maxBackoff, sessionTimeout, kafkaOverrides);
    }

    public ProcessorConfig withGroupId(String groupId) {
        return new ProcessorConfig(bootstrapServers, groupId, instanceId, topic, maxBatchRecords, maxBatchDelay,
                minBackoff, maxBackoff, sessionTimeout, kafkaOverrides);
    }

    public ProcessorConfig withInstanceId(String instanceId) {
        return new ProcessorConfig(bootstrapServers, groupId, instanceId, topic, maxBatchRecords, maxBatchDelay,
                minBackoff, maxBackoff, sessionTimeout, kafkaOverrides);
    }

    public ProcessorConfig withBatching(int maxRecords, Duration maxDelay) {
        return new ProcessorConfig(bootstrapServers, groupId, instanceId, topic, maxRecords, maxDelay, minBackoff,
                maxBackoff, sessionTimeout, kafkaOverrides);
    }

    public ProcessorConfig withBackoff(Duration min, Duration max) {
        return new ProcessorConfig(bootstrapServers, groupId, instanceId, topic, maxBatchRecords, maxBatchDelay, min,
                max, sessionTimeout, kafkaOverrides);
    }

    public ProcessorConfig withSessionTimeout(Duration sessionTimeout) {
        return new ProcessorConfig(bootstrapServers, groupId, instanceId, topic, maxBatchRecords, maxBatchDelay,
                minBackoff, maxBackoff, sessionTimeout, kafkaOverrides);
    }

    public ProcessorConfig withKafkaOverrides(java.util.Map<String, String> overrides) {
        return new ProcessorConfig(bootstrapServers, groupId, instanceId, topic, maxBatchRecords, maxBatchDelay,
                minBackoff, maxBackoff, sessionTimeout, overrides);
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
