package org.tlsrpt.api.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One report in a list: its identity, sender, period, how it arrived and what was odd about it. The fields are those
 * of the version that counts.
 *
 * @param identityConflict whether another content arrived under the same identity (organisation, report-id, date
 *                         range); the report's page shows every version
 */
public record ReportSummary(String key, String organization, String reportId, Instant startDatetime,
        Instant endDatetime, LocalDate day, Instant receivedAt, String channel, List<String> policyDomains,
        String dkim, List<String> findingCodes, boolean identityConflict) {
}
