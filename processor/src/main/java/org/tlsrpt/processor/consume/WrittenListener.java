package org.tlsrpt.processor.consume;

import java.util.List;

/**
 * Told after a round of batches is in ClickHouse and their offsets are committed, on the consumer's thread, so that
 * work that depends on fresh data (alert rules) can run as data arrives. Must return quickly; what it throws is
 * logged and ignored, since the batches are already stored.
 */
@FunctionalInterface
public interface WrittenListener {

    WrittenListener NONE = batches -> {
    };

    /** @param batches the partition batches written in this round, never empty */
    void written(List<PartitionBatch> batches);
}
