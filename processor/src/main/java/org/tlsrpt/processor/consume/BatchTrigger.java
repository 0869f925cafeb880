package org.tlsrpt.processor.consume;

import java.time.Duration;

/**
 * When the pending records are due as a batch: once there are {@code maxRecords} of them, or once the oldest has waited
 * {@code delay}. The wait counts from whichever comes first, the record's Kafka timestamp (its acceptance by the
 * intake) or its collection here, but from the timestamp only when the consumer has caught up (no lag on any partition
 * it owns). Records that arrived while the previous batch was being written have waited already; counting again from
 * their collection added up to a whole delay to every report of a busy stream. A backlog still fills its batches. A
 * timestamp from a clock ahead of ours never makes a record wait longer than the delay. Times are passed in, so this
 * is pure and tested without waiting.
 */
final class BatchTrigger {

    private final int maxRecords;
    private final long delayNanos;
    private final long delayMillis;
    private int pending;
    private long collectedNanos;
    private long oldestTimestampMillis;
    private boolean caughtUp;

    BatchTrigger(int maxRecords, Duration delay) {
        this.maxRecords = maxRecords;
        this.delayNanos = delay.toNanos();
        this.delayMillis = delay.toMillis();
    }

    /**
     * A poll returned {@code count} records, the oldest stamped {@code oldestTimestampMillis}; {@code caughtUp}: no
     * more are waiting in Kafka.
     */
    void polled(int count, long oldestTimestampMillis, boolean caughtUp, long nowNanos) {
        this.caughtUp = caughtUp;
        if (count == 0) {
            return;
        }
        if (pending == 0) {
            collectedNanos = nowNanos;
            this.oldestTimestampMillis = oldestTimestampMillis;
        } else {
            this.oldestTimestampMillis = Math.min(this.oldestTimestampMillis, oldestTimestampMillis);
        }
        pending += count;
    }

    /** {@code count} records left the pending ones (taken into a batch, or found in a batch read again). */
    void taken(int count, long nowNanos) {
        if (count == 0) {
            return; // nothing left the pending ones: their wait goes on
        }
        pending = Math.max(0, pending - count);
        // what is left waits a whole delay again, as before: its oldest timestamp is no longer known
        collectedNanos = nowNanos;
        oldestTimestampMillis = Long.MAX_VALUE;
    }

    int pending() {
        return pending;
    }

    boolean due(long nowNanos, long nowMillis) {
        if (pending == 0) {
            return false;
        }
        return pending >= maxRecords
                || nowNanos - collectedNanos >= delayNanos
                || caughtUp && oldestTimestampMillis != Long.MAX_VALUE && nowMillis - oldestTimestampMillis >= delayMillis;
    }
}
