package org.tlsrpt.processor.consume;

/**
 * Told after a batch is in ClickHouse and its offsets are committed, on the consumer's thread, so that
 * work that depends on fresh data (alert rules) can run as data arrives. Must return quickly; what it throws is
 * logged and ignored, since the batches are already stored.
 */
@FunctionalInterface
public interface WrittenListener {

    WrittenListener NONE = batch -> {
    };

    void written(Batch batch);
}
