package org.tlsrpt.api.query;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One stored report: identity, how it arrived (envelope, DKIM verdict), what was odd about it (findings) and its
 * canonical RFC 8460 JSON, read again from the stored raw bytes.
 *
 * @param findings JSON array of {@code {code, path, message}}
 * @param report   the canonical report JSON; null once the raw bytes have expired (raw retention is shorter)
 * @param identityConflict whether other contents arrived under the same identity
 * @param versions every content of the identity, the counted one among them (one entry when there is no conflict)
 */
public record ReportDetail(String key, String organization, String reportId, Instant startDatetime,
        Instant endDatetime, LocalDate day, String contactInfo, Instant receivedAt, String channel, String origin,
        String location, List<String> policyDomains, Envelope envelope, Dkim dkim,
        @JsonRawValue String findings, String rawSha256, @JsonRawValue String report, boolean identityConflict,
        List<ReportVersion> versions) {

    /** What the carrying mail said about the report; all null for HTTPS uploads. */
    public record Envelope(String reportDomain, String submitter, String messageId, String from, String fileName) {
    }

    /** The DKIM verdict of the carrying mail ({@code result} e.g. pass, fail, none, not-checked). */
    public record Dkim(String result, String domain, boolean aligned) {
    }
}
