package org.tlsrpt.ingest.quota;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Amounts used per key during the current UTC day, in this process only. Every key starts at zero at midnight
 * UTC. Memory is bounded: once {@code maxKeys} keys are tracked, further keys share one overflow key, so a flood
 * of new addresses or organisation names cannot grow the map (they then share one limit, which is the safe side).
 */
public final class DailyCounts {

    static final String OVERFLOW = "(overflow)";

    private final Clock clock;
    private final int maxKeys;
    private final Map<String, Long> used = new HashMap<>();
    private LocalDate day;

    public DailyCounts(Clock clock, int maxKeys) {
        this.clock = clock;
        this.maxKeys = maxKeys;
    }

    /**
     * Adds {@code amount} to every key in {@code keys} if none of them passes {@code limit} by it; else changes
     * nothing. {@code keys} may repeat a key; each occurrence adds {@code amount}. Returns whether it added.
     */
    public synchronized boolean tryAdd(List<String> keys, long amount, long limit) {
        rollOver();
        Map<String, Long> wanted = new HashMap<>();
        for (String key : keys) {
            wanted.merge(bounded(key, wanted), amount, Long::sum);
        }
        for (Map.Entry<String, Long> entry : wanted.entrySet()) {
            if (used.getOrDefault(entry.getKey(), 0L) + entry.getValue() > limit) {
                return false;
            }
        }
        wanted.forEach((key, value) -> used.merge(key, value, Long::sum));
        return true;
    }

    /** Gives back what {@link #tryAdd} took when the thing it was for did not happen (nothing was stored). */
    public synchronized void remove(List<String> keys, long amount) {
        if (!today().equals(day)) {
            return;
        }
        for (String key : keys) {
            String tracked = used.containsKey(key) ? key : OVERFLOW;
            used.computeIfPresent(tracked, (k, value) -> value - amount <= 0 ? null : value - amount);
        }
    }

    public synchronized long used(String key) {
        rollOver();
        return used.getOrDefault(key, 0L);
    }

    /** Until the counts start again. */
    public Duration untilTomorrow() {
        Instant now = clock.instant();
        Instant midnight = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        return Duration.between(now, midnight);
    }

    private String bounded(String key, Map<String, Long> pending) {
        if (used.containsKey(key) || pending.containsKey(key) || used.size() + pending.size() < maxKeys) {
            return key;
        }
        return OVERFLOW;
    }

    private void rollOver() {
        LocalDate today = today();
        if (!today.equals(day)) {
            used.clear();
            day = today;
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
