package org.tlsrpt.core.message;

/**
 * A Kafka record value that is not what {@link RecordCodec} writes: a poison record. Unexpected by construction,
 * hence an exception; consumers move such records to quarantine with their coordinates and go on.
 */
public final class MalformedRecordException extends RuntimeException {

    public MalformedRecordException(String message) {
        super(message);
    }
}
