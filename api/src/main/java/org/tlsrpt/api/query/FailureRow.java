package org.tlsrpt.api.query;

import java.util.Map;

/**
 * Failed sessions of one combination of breakdown keys, for one policy type (failure details of sts and tlsa
 * policies describe the same sessions and are never added up).
 *
 * @param keys           field name (e.g. {@code resultType}) to value, in the order asked for
 * @param failedSessions the sum of the failure details' failed-session-count; it may be less than the policies'
 *                       failure totals (senders truncate failure details)
 */
public record FailureRow(String policyType, Map<String, String> keys, long failedSessions) {
}
