package org.tlsrpt.core.model;

import java.util.Objects;

/**
 * One entry of {@code failure-details} (RFC 8460 §4.4). Optional fields are null when absent.
 *
 * @param resultTypeName the result type exactly as reported (lower-cased), kept for {@link ResultType#UNKNOWN}
 */
public record FailureDetail(
        ResultType resultType,
        String resultTypeName,
        String sendingMtaIp,
        String receivingMxHostname,
        String receivingMxHelo,
        String receivingIp,
        long failedSessionCount,
        String additionalInformation,
        String failureReasonCode) {

    public FailureDetail {
        Objects.requireNonNull(resultType, "resultType");
        Objects.requireNonNull(resultTypeName, "resultTypeName");
        if (failedSessionCount < 0) {
            throw new IllegalArgumentException("failed-session-count cannot be negative");
        }
    }
}
