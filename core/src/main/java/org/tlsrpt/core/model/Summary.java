package org.tlsrpt.core.model;

/** Session counts of one policy (RFC 8460 §4.4 "summary"); the source of truth for counting. */
public record Summary(long totalSuccessfulSessionCount, long totalFailureSessionCount) {

    public Summary {
        if (totalSuccessfulSessionCount < 0 || totalFailureSessionCount < 0) {
            throw new IllegalArgumentException("session counts cannot be negative");
        }
    }
}
