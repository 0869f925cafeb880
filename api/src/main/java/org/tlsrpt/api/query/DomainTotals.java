package org.tlsrpt.api.query;

import java.time.Instant;

/**
 * One domain's sessions over a period. Sessions of one reporter on one day are taken from the policy type that
 * reported most of them, never summed over types: Microsoft reports the same sessions under sts and tlsa.
 *
 * @param failureRate  failed / (successful + failed), 0 when there were no sessions
 * @param reporters    distinct reporting organisations
 * @param lastReportAt when the latest report of the period arrived; null when unknown
 */
public record DomainTotals(String domain, long successfulSessions, long failedSessions, double failureRate,
        long reporters, Instant lastReportAt) {

    static double rate(long successful, long failed) {
        long total = successful + failed;
        return total == 0 ? 0 : (double) failed / total;
    }
}
