package org.tlsrpt.api.query;

import java.time.LocalDate;
import java.util.Map;

/**
 * Failed sessions of one combination of breakdown keys, for one policy type (failure details of sts and tlsa
 * policies describe the same sessions and are never added up).
 *
 * @param bucket         the day, or the first day of the month, the row covers; null for totals over the period
 * @param keys           field name (e.g. {@code resultType}) to value, in the order asked for
 * @param failedSessions the sum of the failure details' failed-session-count; it may be less than the policies'
 *                       failure totals (senders truncate failure details)
 */
public record FailureRow(LocalDate bucket, String policyType, Map<String, String> keys, long failedSessions) {
}
