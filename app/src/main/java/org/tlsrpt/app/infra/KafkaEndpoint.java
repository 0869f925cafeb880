package org.tlsrpt.app.infra;

/** Where the roles find Kafka. {@code origin} says which (for logs and health): "embedded" or "external". */
public record KafkaEndpoint(String bootstrapServers, String origin) {
}
