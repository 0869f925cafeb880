package org.tlsrpt.app.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.tlsrpt.app.roles.ProcessorRole;
import org.tlsrpt.core.problem.RefusalCode;

/**
 * The processor's refusals and identity conflicts as Micrometer counters at {@code /q/metrics}, read from the
 * running {@link ProcessorRole} (zero in a process without it):
 * <ul>
 * <li>{@code tlsrpt_processor_refused_total{reason="too-many-versions"}}: further distinct versions of a report
 * identity that has as many as kept ({@code tlsrpt.processor.max-versions}); each is in quarantine.</li>
 * <li>{@code tlsrpt_processor_refused_total{reason="outside-retention"}}: reports sent to quarantine because their
 *     day is older than the retention</li>
 * <li>{@code tlsrpt_processor_identity_conflicts_total}: further versions of a stored report identity (same
 *     organisation, report-id and date range, different content)</li>
 * </ul>
 */
@ApplicationScoped
public class ProcessorMetrics {

    @Inject
    MeterRegistry registry;

    @Inject
    ProcessorRole processor;

    void register(@Observes StartupEvent event) {
        FunctionCounter.builder("tlsrpt.processor.refused", processor, ProcessorRole::outsideRetention)
                .description("reports the processor could not count, by reason; each is in quarantine")
                .tag("reason", RefusalCode.OUTSIDE_RETENTION.code())
                .register(registry);
        FunctionCounter.builder("tlsrpt.processor.refused", processor, ProcessorRole::tooManyVersions)
                .description("reports the processor could not count, by reason; each is in quarantine")
                .tag("reason", RefusalCode.TOO_MANY_VERSIONS.code())
                .register(registry);
        FunctionCounter.builder("tlsrpt.processor.identity.conflicts", processor, ProcessorRole::identityConflicts)
                .description("further versions of a stored report identity with different content; one counts")
                .register(registry);
    }
}
