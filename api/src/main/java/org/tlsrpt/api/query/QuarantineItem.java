package org.tlsrpt.api.query;

import java.time.Instant;
import java.util.Map;

/**
 * Something that arrived and could not be counted: why ({@code reasonCode}, the JSON path or MIME part, a
 * message) and where it came from (channel, origin, coordinates such as a mail's message id, the Kafka record).
 *
 * @param size length of the kept bytes
 */
public record QuarantineItem(String sha256, String reasonCode, String reasonPath, String reasonMessage,
        String channel, Instant receivedAt, String origin, Map<String, String> coordinates, String mediaType,
        String sourceTopic, long sourcePartition, long sourceOffset, long size) {
}
