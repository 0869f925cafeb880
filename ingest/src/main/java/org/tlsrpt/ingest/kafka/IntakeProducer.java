package org.tlsrpt.ingest.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The producer settings behind the intake's promise, shared by the ingest role and {@code tlsrpt import}. */
public final class IntakeProducer {

    /** Room for the largest accepted report, its canonical form and metadata, in one record. */
    private static final int MAX_REQUEST_BYTES = 32 * 1024 * 1024;

    private IntakeProducer() {
    }

    public static Producer<String, byte[]> create(String bootstrapServers, String clientId, Duration ackTimeout) {
        int timeoutMs = (int) ackTimeout.toMillis();
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                // A 2xx/250 promises durability: every in-sync replica has the record, and retries never duplicate.
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_BYTES,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs + 2_000),
                new StringSerializer(), new ByteArraySerializer());
    }
}
