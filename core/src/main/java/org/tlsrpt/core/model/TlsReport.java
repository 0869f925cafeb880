package org.tlsrpt.core.model;

import java.util.List;
import java.util.Objects;

/**
 * One SMTP TLS report as defined in RFC 8460 §4.4, already normalised: domains lower-case A-labels,
 * IP addresses in their canonical text form, counts as integers, date-times in UTC.
 *
 * @param contactInfo may be null: several senders send {@code null}
 */
public record TlsReport(
        String organizationName,
        DateRange dateRange,
        String contactInfo,
        String reportId,
        List<PolicyResult> policies) {

    public TlsReport {
        Objects.requireNonNull(organizationName, "organizationName");
        Objects.requireNonNull(dateRange, "dateRange");
        Objects.requireNonNull(reportId, "reportId");
        policies = List.copyOf(policies);
    }

    /** The identity of this report: the same report arriving twice has the same key. */
    public ReportKey key() {
        return ReportKey.of(organizationName, reportId, dateRange);
    }
}
