package org.tlsrpt.ingest.http;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client address, so that one sender cannot fill the disk. Memory is bounded: when more than
 * {@link #MAX_CLIENTS} addresses are tracked, buckets that are full again (idle clients) are dropped.
 */
public class ClientRateLimiter {

    static final int MAX_CLIENTS = 100_000;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final double perNano;
    private final double burst;

    /**
     * @param perMinute reports one client address may post per minute
     * @param burst     reports it may post at once before the rate applies
     */
    public ClientRateLimiter(int perMinute, int burst) {
        this.perNano = perMinute / 60e9;
        this.burst = Math.max(1, burst);
    }

    public boolean tryAcquire(String client) {
        if (buckets.size() > MAX_CLIENTS) {
            long now = System.nanoTime();
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(burst)).take(System.nanoTime());
    }

    public long retryAfterSeconds() {
        return Math.max(1, (long) Math.ceil(1 / (perNano * 1e9)));
    }

    private final class Bucket {
        private double tokens;
        private long updated = System.nanoTime();

        Bucket(double tokens) {
            this.tokens = tokens;
        }

        synchronized boolean take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - updated) * perNano);
            updated = now;
        }
    }
}
