package org.tlsrpt.api.alert;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Row versions for the ReplacingMergeTree tables: microseconds since the epoch, strictly increasing within this
 * process, so that a row written later always wins. Across processes, clock order decides (docs/alerts.md).
 */
public final class Versions {

    private static final AtomicLong LAST = new AtomicLong();

    private Versions() {
    }

    public static long next(Clock clock) {
        long now = clock.instant().toEpochMilli() * 1000 + (clock.instant().getNano() / 1000) % 1000;
        return LAST.updateAndGet(last -> Math.max(last + 1, now));
    }
}
