package org.tlsrpt.api.query;

import java.time.LocalDate;
import java.util.List;

/**
 * One domain's sessions over a period, kept apart by policy type (sts and tlsa of one report are the same
 * sessions: adding them would count them twice).
 *
 * @param granularity {@code day} or {@code month}: what one entry of {@code days} covers (a month is dated by its
 *                    first day)
 */
public record DomainSummary(String domain, LocalDate from, LocalDate to, String granularity,
        List<PolicyTypeTotals> policyTypes,
        List<DayTotals> days) {

    public record PolicyTypeTotals(String policyType, long successfulSessions, long failedSessions) {
    }

    public record DayTotals(LocalDate date, String policyType, long successfulSessions, long failedSessions) {
    }
}
