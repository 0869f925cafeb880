package org.tlsrpt.app.roles;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.tlsrpt.app.infra.Infrastructure;
import org.tlsrpt.app.infra.KafkaEndpoint;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.ReportReader;
import org.tlsrpt.ingest.ReportIntake;
import org.tlsrpt.ingest.http.IngestConfig;
import org.tlsrpt.ingest.kafka.IntakePolicy;
import org.tlsrpt.ingest.kafka.IntakeTopics;
import org.tlsrpt.ingest.kafka.KafkaReportIntake;

/** Assembles the ingest role: one Kafka producer and the one {@link ReportIntake} every channel uses. */
@ApplicationScoped
public class IngestBeans {

    /** Room for the largest accepted report, its canonical form and metadata, in one record. */
    private static final int MAX_REQUEST_BYTES = 32 * 1024 * 1024;

    @Produces
    @Singleton
    Producer<String, byte[]> reportProducer(Infrastructure infrastructure, IngestConfig config) {
        KafkaEndpoint kafka = infrastructure.kafka()
                .orElseThrow(() -> new IllegalStateException("the ingest role runs without Kafka"));
        int timeoutMs = (int) config.ackTimeout().toMillis();
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG, "tlsrpt-ingest",
                // A 2xx/250 promises durability: every in-sync replica has the record, and retries never duplicate.
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_BYTES,
                ProducerConfig.LINGER_MS_CONFIG, 2,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs + 2_000),
                new StringSerializer(), new ByteArraySerializer());
    }

    void closeProducer(@Disposes Producer<String, byte[]> producer) {
        producer.close(java.time.Duration.ofSeconds(5));
    }

    @Produces
    @Singleton
    ReportIntake reportIntake(Producer<String, byte[]> producer, IngestConfig config) {
        IntakePolicy policy = new IntakePolicy(config.allowedDomains().orElse(List.of()), config.dkimPolicy());
        return new KafkaReportIntake(new ReportReader(Limits.DEFAULTS), producer, IntakeTopics.DEFAULT, policy,
                config.ackTimeout());
    }
}
