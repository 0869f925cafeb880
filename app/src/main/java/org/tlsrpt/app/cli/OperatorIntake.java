package org.tlsrpt.app.cli;

import java.time.Clock;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.tlsrpt.app.config.IngestConfig;
import org.tlsrpt.core.ReportReader;
import org.tlsrpt.ingest.IntakeMetrics;
import org.tlsrpt.ingest.ReportIntake;
import org.tlsrpt.ingest.kafka.IntakePolicy;
import org.tlsrpt.ingest.kafka.IntakeTopics;
import org.tlsrpt.ingest.kafka.KafkaReportIntake;
import org.tlsrpt.ingest.quota.IntakeQuotas;
import org.tlsrpt.ingest.quota.RefusedSample;

/**
 * The intake of the operator's own commands ({@code import}, {@code reprocess}): the ingest role's one
 * {@link KafkaReportIntake} with the same who-may-send rules (allow-list, DKIM policy) from the same settings;
 * only the quotas, which guard against senders, do not apply.
 */
final class OperatorIntake {

    private OperatorIntake() {
    }

    static ReportIntake create(IngestConfig ingest, Producer<String, byte[]> producer) {
        IntakePolicy policy = new IntakePolicy(ingest.allowedDomains().orElse(List.of()), ingest.dkimPolicy());
        return new KafkaReportIntake(new ReportReader(ingest.limits()), producer, IntakeTopics.DEFAULT, policy,
                ingest.ackTimeout(), IntakeQuotas.unlimited(),
                new RefusedSample(ingest.refusedSamplePerDay(), Clock.systemUTC()), IntakeMetrics.NONE);
    }
}
