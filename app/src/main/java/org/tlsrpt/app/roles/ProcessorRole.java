package org.tlsrpt.app.roles;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.tlsrpt.app.config.ProcessorSettings;
import org.tlsrpt.app.config.Role;
import org.tlsrpt.app.config.TlsrptConfig;
import org.tlsrpt.app.infra.Infrastructure;
import org.tlsrpt.app.infra.KafkaEndpoint;
import org.tlsrpt.core.message.Topics;
import org.tlsrpt.processor.Health;
import org.tlsrpt.processor.Processor;
import org.tlsrpt.processor.ProcessorConfig;
import org.tlsrpt.processor.consume.BatchingConsumer;
import org.tlsrpt.processor.consume.Batch;
import org.tlsrpt.processor.write.ReportWriter;
import org.tlsrpt.processor.write.Retention;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * Runs the processor role: the consumer of {@code tlsrpt.reports} (reports, policy results, failure details, raw
 * reports, daily aggregates) and the consumer of {@code tlsrpt.quarantine}. After each round of stored reports it
 * fires {@link ReportsStored}: synchronous observers run on the consumer's thread and must be quick; asynchronous
 * ones ({@code @ObservesAsync}) run on the managed executor.
 */
@ApplicationScoped
public class ProcessorRole {

    private static final Logger LOG = Logger.getLogger(ProcessorRole.class);

    @Inject
    ProcessorSettings settings;

    @Inject
    ActiveRoles roles;

    @Inject
    TlsrptConfig config;

    @Inject
    Infrastructure infrastructure;

    @Inject
    Event<ReportsStored> stored;

    @Inject
    Instance<ClickHouseConnector> connector;

    private ReportWriter writer;
    private BatchingConsumer reports;
    private BatchingConsumer quarantine;
    /** Reports already announced by an event; touched only on the reports consumer's thread. */
    private long announced;

    /** After the schema migration (priority 20); the settings were checked with the rest at priority 10. */
    void start(@Observes @Priority(30) StartupEvent event) {
        if (!roles.runs(Role.PROCESSOR)) {
            return;
        }
        KafkaEndpoint kafka = infrastructure.kafka()
                .orElseThrow(() -> new IllegalStateException("the processor role runs without Kafka"));
        ClickHouseConnector clickHouse = connector.get();
        ProcessorConfig reportsConfig = config(settings, kafka.bootstrapServers());
        writer = new ReportWriter(clickHouse,
                new Retention(config.clickhouse().retentionDays(), Clock.systemUTC()), settings.maxVersions());
        start(reportsConfig, clickHouse);
        LOG.infof("processor consuming %s (group %s) and %s (group %s), batches of %d records or %s",
                Topics.REPORTS, settings.groupId(), Topics.QUARANTINE,
                settings.quarantineGroupId(), settings.batchRecords(), settings.batchDelay());
    }

    private synchronized void start(ProcessorConfig reportsConfig, ClickHouseConnector clickHouse) {
        reports = Processor.reports(reportsConfig, clickHouse, writer, this::announce).start();
        quarantine = Processor.quarantine(reportsConfig.withTopic(Topics.QUARANTINE)
                .withGroupId(settings.quarantineGroupId()), clickHouse).start();
    }

    /** The library's configuration of the reports consumer from the operator's settings. */
    public static ProcessorConfig config(ProcessorSettings settings, String bootstrapServers) {
        return new ProcessorConfig(bootstrapServers, settings.groupId(), settings.instanceId().orElse(null),
                Topics.REPORTS, settings.batchRecords(), settings.batchDelay(), settings.backoffMin(),
                settings.backoffMax(), settings.sessionTimeout(), Map.of());
    }

    private void announce(Batch batch) {
        // a version that takes over the count of its identity changes the numbers as much as a new report
        long total = writer.reports() + writer.displaced();
        long fresh = total - announced;
        announced = total;
        if (fresh <= 0) {
            return; // only copies of reports already stored: nothing new to evaluate
        }
        ReportsStored event = new ReportsStored((int) Math.min(fresh, Integer.MAX_VALUE), Instant.now());
        stored.fire(event);
        stored.fireAsync(event);
    }

    /** Each running consumer's health by topic; empty when this process does not run the processor role. */
    public synchronized Map<String, Health> health() {
        Map<String, Health> health = new LinkedHashMap<>();
        if (reports != null) {
            health.put(Topics.REPORTS, reports.health());
            health.put(Topics.QUARANTINE, quarantine.health());
        }
        return health;
    }

    /** Reports stored by this process since start (first deliveries only). */
    public synchronized long reportsStored() {
        return writer == null ? 0 : writer.reports();
    }

    /** Reports sent to quarantine since start because they are older than the retention. */
    public synchronized long outsideRetention() {
        return writer == null ? 0 : writer.outsideRetention();
    }

    /** Reports sent to quarantine since start because their identity has as many versions as kept. */
    public synchronized long tooManyVersions() {
        return writer == null ? 0 : writer.tooManyVersions();
    }

    /** Further versions of stored report identities since start (identity conflicts). */
    public synchronized long identityConflicts() {
        return writer == null ? 0 : writer.identityConflicts();
    }

    /** Before the infrastructure stops (default priority): pending records stay uncommitted and are read again. */
    synchronized void stop(@Observes @Priority(100) ShutdownEvent event) {
        if (reports != null) {
            reports.close();
        }
        if (quarantine != null) {
            quarantine.close();
        }
    }
}
