package org.tlsrpt.ingest.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.tlsrpt.core.message.Topics;

/** The producer settings behind the intake's promise, shared by the ingest role and {@code tlsrpt import}. */
public final class IntakeProducer {

    /** The largest record value the intake hands to the producer: the request less room for key and framing. */
    public static final int MAX_VALUE_BYTES = Topics.MAX_RECORD_BYTES - 64 * 1024;

    private IntakeProducer() {
    }

    private static final int LINGER_MS = 2;

    /**
     * @param ackTimeout a record Kafka has not acknowledged this long after {@code send} fails (delivery timeout);
     *                   {@code send} itself waits as long at most for metadata or buffer space
     */
    public static Producer<String, byte[]> create(String bootstrapServers, String clientId, Duration ackTimeout) {
        int timeoutMs = (int) Math.max(ackTimeout.toMillis(), 2 * LINGER_MS + 1);
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                // A 2xx/250 promises durability: every in-sync replica has the record, and retries never duplicate.
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_RECORD_BYTES,
                ProducerConfig.LINGER_MS_CONFIG, LINGER_MS,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                // Kafka requires delivery >= linger + request timeout.
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs - LINGER_MS,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs),
                new StringSerializer(), new ByteArraySerializer());
    }
}
