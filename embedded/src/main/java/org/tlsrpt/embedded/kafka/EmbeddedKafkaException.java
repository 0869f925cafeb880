package org.tlsrpt.embedded.kafka;

/** The embedded broker could not be started. */
public final class EmbeddedKafkaException extends RuntimeException {

    public EmbeddedKafkaException(String message, Throwable cause) {
        super(message, cause);
    }
}
