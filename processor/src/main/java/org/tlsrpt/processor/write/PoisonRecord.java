package org.tlsrpt.processor.write;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.tlsrpt.core.Sha256;

/**
 * A Kafka record that is not what the ingest side writes: kept whole in quarantine with its coordinates, so it can
 * be looked at and re-published, instead of blocking its partition.
 */
record PoisonRecord(ConsumerRecord<String, byte[]> record, String reason) {

    static final String REASON_CODE = "malformed-record";

    QuarantineRow toRow() {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        return new QuarantineRow(Sha256.hex(value), REASON_CODE, "$", reason, "kafka",
                Instant.ofEpochMilli(Math.max(0, record.timestamp())), null,
                record.key() == null ? java.util.Map.of() : java.util.Map.of("kafka-key", record.key()), null,
                record.topic(), record.partition(), record.offset(), value);
    }

    static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
