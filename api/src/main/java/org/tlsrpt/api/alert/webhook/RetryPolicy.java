package org.tlsrpt.api.alert.webhook;

import java.time.Duration;

/**
 * How often and how patiently a delivery is retried: after a connection error, a timeout, a 5xx or a 429, wait
 * {@code initialBackoff × 2^(attempt-1)} (capped at {@code maxBackoff}) and try again, at most {@code maxAttempts}
 * attempts in all. Other 4xx answers are final: the receiver said the request itself is wrong.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("maxAttempts must be 1..20, was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be 0 <= initial <= max");
        }
    }

    /** The wait after failed attempt number {@code attempt} (1-based). */
    public Duration backoff(int attempt) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    public static boolean retriable(int status) {
        return status >= 500 || status == 429 || status == 408;
    }
}
