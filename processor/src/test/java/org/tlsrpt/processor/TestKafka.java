package org.tlsrpt.processor;

import java.nio.file.Files;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.tlsrpt.core.message.Topics;
import org.tlsrpt.embedded.kafka.EmbeddedKafka;
import org.tlsrpt.embedded.kafka.EmbeddedKafkaConfig;
import org.tlsrpt.embedded.kafka.TopicSpec;

/** The embedded Kafka broker on free ports with the two topics (3 partitions each), and a producer. */
public final class TestKafka implements AutoCloseable {

    private final EmbeddedKafka kafka;
    private final KafkaProducer<String, byte[]> producer;

    public TestKafka() throws Exception {
        kafka = EmbeddedKafka.start(EmbeddedKafkaConfig.defaults(Files.createTempDirectory("tlsrpt-processor-kafka"))
                .withPorts(0, 0).withTopics(List.of(new TopicSpec(Topics.REPORTS, 3),
                        new TopicSpec(Topics.QUARANTINE, 2))));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(16 * 1024 * 1024));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer = new KafkaProducer<>(props);
    }

    /** Creates a topic for one test, so tests do not see each other's records. */
    public String createTopic(String name, int partitions) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                java.util.Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(name, partitions, (short) 1)
                    .configs(java.util.Map.of("max.message.bytes", Integer.toString(16 * 1024 * 1024)))))
                    .all().get(30, TimeUnit.SECONDS);
        }
        return name;
    }

    public KafkaProducer<String, byte[]> producer() {
        return producer;
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Sends and waits for the broker's acknowledgement. */
    public void send(String topic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    }

    /** Sends without waiting; call {@link #flush()} to wait for all. */
    public void sendAsync(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, e) -> {
            if (e != null) {
                throw new IllegalStateException("send failed", e);
            }
        });
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
        kafka.close();
    }
}
