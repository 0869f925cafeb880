package org.tlsrpt.processor.consume;

import java.sql.SQLException;

/** Writes one batch to ClickHouse; must be idempotent for the same batch (same offset ranges). */
public interface BatchSink extends AutoCloseable {

    /**
     * @throws SQLException when ClickHouse is unreachable or refuses the batch; the batch is retried as it is.
     *         Records that can never be written (poison) must not throw: the sink quarantines them.
     */
    void write(Batch batch) throws SQLException;

    /** Releases the sink's connections; called once by the consumer that owns it, after its last batch. */
    @Override
    default void close() {
    }
}
