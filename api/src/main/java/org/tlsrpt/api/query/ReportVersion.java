package org.tlsrpt.api.query;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.List;

/**
 * One content that arrived under a report's identity (docs/adr/0006-report-versions.md). Versions are numbered in
 * arrival order; exactly one counts: DKIM-aligned mail before unauthenticated channels, then the first to arrive.
 *
 * @param policies  this version's policy results as stored (counts per policy)
 * @param report    its canonical JSON, read again from its raw bytes; null once those expired
 */
public record ReportVersion(int version, boolean counted, String contentSha256, Instant receivedAt,
        String channel, String origin, ReportDetail.Dkim dkim, List<String> policyDomains, String rawSha256,
        List<Policy> policies, @JsonRawValue String report) {

    /** One policy result of a version. */
    public record Policy(String policyType, String policyDomain, long successful, long failed) {
    }
}
