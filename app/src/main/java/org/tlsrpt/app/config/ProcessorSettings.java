package org.tlsrpt.app.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * How the processor role reads Kafka and batches into ClickHouse ({@code tlsrpt.processor.*}), with their defaults:
 * the one place they are written ({@code ProcessorRole.config} maps them onto the library's {@code ProcessorConfig}).
 * The quarantine consumer uses the same settings with its own group.
 */
@ConfigMapping(prefix = "tlsrpt.processor")
public interface ProcessorSettings {

    /** Consumer group of the reports consumer; every processor of one deployment shares it. */
    @WithDefault("tlsrpt-processor")
    String groupId();

    /** Consumer group of the quarantine consumer. */
    @WithDefault("tlsrpt-quarantine")
    String quarantineGroupId();

    /**
     * Static group membership ({@code group.instance.id}, e.g. the pod name of a StatefulSet), so that a restarted
     * processor takes its partitions back at once; absent for dynamic membership.
     */
    Optional<String> instanceId();

    /**
     * Distinct versions (contents) kept per report identity; a further one goes to quarantine
     * ({@code too-many-versions}). Bounds what one identity costs the report view and keeps the version number
     * (UInt16) from wrapping. One DKIM-aligned copy that takes over the count is kept past the cap.
     */
    @WithDefault("16")
    int maxVersions();

    /** A batch is written once this many records are pending... */
    @WithDefault("5000")
    int batchRecords();

    /**
     * ...or once the oldest pending record has waited this long. 250 ms: at 1,000 reports/s with every role in one
     * process, p99 from 201 to visible was 2.1 s with it, 3.2 s with 500 ms and 4.0 s with 100 ms (docs/benchmarks.md).
     */
    @WithDefault("250ms")
    Duration batchDelay();

    /** First wait after ClickHouse failed a batch. */
    @WithDefault("200ms")
    Duration backoffMin();

    /** Longest wait between retries (the wait doubles after each failure). */
    @WithDefault("10s")
    Duration backoffMax();

    /** Kafka {@code session.timeout.ms}: how soon a dead processor's partitions move to another. */
    @WithDefault("10s")
    Duration sessionTimeout();
}
