package org.tlsrpt.embedded.kafka;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A topic the embedded broker creates at start.
 *
 * @param name       topic name (Kafka's legal characters)
 * @param partitions number of partitions; bounds the parallelism of the consumers of this topic
 */
public record TopicSpec(String name, int partitions) {

    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        if (!LEGAL.matcher(name).matches()) {
            throw new IllegalArgumentException("topic name must be 1-249 of [a-zA-Z0-9._-], was '" + name + "'");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1, was " + partitions);
        }
    }
}
