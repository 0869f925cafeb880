package org.tlsrpt.processor;

import org.tlsrpt.processor.consume.BatchingConsumer;
import org.tlsrpt.processor.consume.ExactlyOnceDelivery;
import org.tlsrpt.processor.consume.WrittenListener;
import org.tlsrpt.processor.write.QuarantineWriter;
import org.tlsrpt.processor.write.ReportWriter;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * The processor role's consumers, ready to be wired as beans: each is started with {@code start()} and stopped
 * with {@code close()}; run {@link org.tlsrpt.storage.schema.SchemaMigrator} once before starting them.
 */
public final class Processor {

    private Processor() {
    }

    /** Consumes {@code tlsrpt.reports} into reports, policy results, failure details, raw reports and aggregates. */
    public static BatchingConsumer reports(ProcessorConfig config, ClickHouseConnector clickhouse,
            ReportWriter writer) {
        return reports(config, clickhouse, writer, WrittenListener.NONE);
    }

    /** As above; {@code listener} is told after each round of batches is stored and committed. */
    public static BatchingConsumer reports(ProcessorConfig config, ClickHouseConnector clickhouse,
            ReportWriter writer, WrittenListener listener) {
        return new BatchingConsumer(config, writer, new ExactlyOnceDelivery(clickhouse), listener);
    }

    public static BatchingConsumer reports(ProcessorConfig config, ClickHouseConnector clickhouse) {
        return reports(config, clickhouse, new ReportWriter(clickhouse));
    }

    /** Consumes {@code tlsrpt.quarantine} into the quarantine table. */
    public static BatchingConsumer quarantine(ProcessorConfig config, ClickHouseConnector clickhouse) {
        return new BatchingConsumer(config, new QuarantineWriter(clickhouse), new ExactlyOnceDelivery(clickhouse));
    }
}
