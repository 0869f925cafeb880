package org.tlsrpt.app.roles;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.tlsrpt.app.config.IngestConfig;
import org.tlsrpt.app.infra.Infrastructure;
import org.tlsrpt.app.infra.KafkaEndpoint;
import org.tlsrpt.core.ReportReader;
import org.tlsrpt.ingest.IntakeMetrics;
import org.tlsrpt.ingest.ReportIntake;
import org.tlsrpt.ingest.kafka.IntakePolicy;
import org.tlsrpt.ingest.kafka.IntakeProducer;
import org.tlsrpt.ingest.kafka.IntakeTopics;
import org.tlsrpt.ingest.kafka.KafkaReportIntake;
import org.tlsrpt.ingest.quota.IntakeQuotas;
import org.tlsrpt.ingest.quota.RefusedSample;

/** Assembles the ingest role: one Kafka producer and the one {@link ReportIntake} every channel uses. */
@ApplicationScoped
public class IngestBeans {

    @Produces
    @Singleton
    Producer<String, byte[]> reportProducer(Infrastructure infrastructure, IngestConfig config) {
        KafkaEndpoint kafka = infrastructure.kafka()
                .orElseThrow(() -> new IllegalStateException("the ingest role runs without Kafka"));
        return IntakeProducer.create(kafka.bootstrapServers(), "tlsrpt-ingest", config.ackTimeout());
    }

    void closeProducer(@Disposes Producer<String, byte[]> producer) {
        producer.close(java.time.Duration.ofSeconds(5));
    }

    @Produces
    @Singleton
    ReportIntake reportIntake(Producer<String, byte[]> producer, IngestConfig config, IntakeMetrics metrics) {
        IntakePolicy policy = new IntakePolicy(config.allowedDomains().orElse(List.of()), config.dkimPolicy());
        Clock clock = Clock.systemUTC();
        IntakeQuotas quotas = new IntakeQuotas(new IntakeQuotas.Limits(config.quota().bytesPerClientPerDay(),
                config.quota().reportsPerOrganisationPerDay()), clock);
        return new KafkaReportIntake(new ReportReader(config.limits()), producer, IntakeTopics.DEFAULT, policy,
                config.ackTimeout(), quotas, new RefusedSample(config.refusedSamplePerDay(), clock), metrics);
    }
}
