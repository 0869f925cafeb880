package org.tlsrpt.api.query;

import java.time.LocalDate;
import java.util.List;

/**
 * One domain's sessions over a period, kept apart by policy type (sts and tlsa of one report are the same
 * sessions: adding them would count them twice).
 */
public record DomainSummary(String domain, LocalDate from, LocalDate to, List<PolicyTypeTotals> policyTypes,
        List<DayTotals> days) {

    public record PolicyTypeTotals(String policyType, long successfulSessions, long failedSessions) {
    }

    public record DayTotals(LocalDate date, String policyType, long successfulSessions, long failedSessions) {
    }
}
