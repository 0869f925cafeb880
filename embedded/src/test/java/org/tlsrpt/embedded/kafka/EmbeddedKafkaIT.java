package org.tlsrpt.embedded.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

    private static final String TOPIC = "tlsrpt.reports";

    @TempDir
    Path dataDir;

    private EmbeddedKafkaConfig config() {
        return EmbeddedKafkaConfig.defaults(dataDir).withPorts(0, 0)
                .withTopics(List.of(new TopicSpec(TOPIC, 3), new TopicSpec("tlsrpt.quarantine", 1)));
    }

    @Test
    void producerWithAcksAllAndConsumerGroupSurviveARestartWithMessagesAndCommittedOffsets() throws Exception {
        EmbeddedKafkaConfig config = config();
        int port;
        int controllerPort;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(config)) {
            port = kafka.port();
            controllerPort = kafka.controllerPort();
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
            assertTopicsAsConfigured(kafka);
            produce(kafka, 0, 100);
            // the group reads and commits the first 60 records
            assertThat(consume(kafka, "processor", 60)).hasSize(60);
        }
        assertThat(config.kafkaDir().resolve("meta.properties")).exists();

        try (EmbeddedKafka kafka = EmbeddedKafka.start(config.withPorts(port, controllerPort))) {
            try (Admin admin = admin(kafka)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("processor")
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(60);
            }
            // the group resumes after its committed offsets: exactly the 40 it had not read
            List<String> rest = consume(kafka, "processor", 40);
            assertThat(rest).hasSize(40);
            try (Admin admin = admin(kafka)) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("processor")
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                assertThat(committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum()).isEqualTo(100);
            }
            // and a new group sees every message written before the restart
            assertThat(consume(kafka, "audit", 100)).hasSize(100).doesNotHaveDuplicates();
        }
    }

    @Test
    void acceptsARecordOfTwentyMebibytes() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(config())) {
            byte[] big = new byte[20 * 1024 * 1024 + 1];
            Properties props = producerProps(kafka);
            props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, kafka.config().maxMessageBytes());
            try (KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
                assertThat(producer.send(new ProducerRecord<>(TOPIC, big)).get(60, TimeUnit.SECONDS).serializedValueSize())
                        .isEqualTo(big.length);
            }
            Properties consumerProps = consumerProps(kafka, "big");
            consumerProps.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, kafka.config().maxMessageBytes());
            try (KafkaConsumer<byte[], byte[]> consumer =
                    new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of(TOPIC));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                int seen = 0;
                while (seen == 0 && System.nanoTime() < deadline) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        assertThat(record.value()).hasSize(big.length);
                        seen++;
                    }
                }
                assertThat(seen).isEqualTo(1);
            }
        }
    }

    private static void assertTopicsAsConfigured(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = admin(kafka)) {
            Map<String, TopicDescription> topics = admin.describeTopics(Set.of(TOPIC, "tlsrpt.quarantine"))
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics.get(TOPIC).partitions()).hasSize(3);
            assertThat(topics.get("tlsrpt.quarantine").partitions()).hasSize(1);
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            String maxMessageBytes = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS)
                    .get(resource).get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG).value();
            assertThat(Integer.parseInt(maxMessageBytes)).isGreaterThanOrEqualTo(32 * 1024 * 1024);
        }
    }

    private static Admin admin(EmbeddedKafka kafka) {
        return Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
    }

    private static Properties producerProps(EmbeddedKafka kafka) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return props;
    }

    private static void produce(EmbeddedKafka kafka, int from, int to) throws Exception {
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(producerProps(kafka), new StringSerializer(), new StringSerializer())) {
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "key-" + i, "report-" + i)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static Properties consumerProps(EmbeddedKafka kafka, String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return props;
    }

    /** Reads exactly {@code count} records one at a time and commits after each, as a processor would. */
    private static List<String> consume(EmbeddedKafka kafka, String group, int count) {
        Properties props = consumerProps(kafka, group);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                    consumer.commitSync(Map.of(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1)));
                }
            }
        }
        return values;
    }
}
