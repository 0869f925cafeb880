package org.tlsrpt.api.query;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One organisation reporting on one domain within a period.
 *
 * @param reports          distinct reports (a report with sts and tlsa policies is one report)
 * @param daysWithReports  days (of start-datetime) with at least one report
 * @param daily            whether it reported often enough to be missed: on at least 3 days, and on at least half
 *                         of the days from its first to its last report
 * @param silentSince      for a daily reporter whose reports stopped: the first day without one; else null
 */
public record Reporter(String domain, String organization, long reports, long daysWithReports,
        LocalDate firstReportDay, LocalDate lastReportDay, Instant lastReportAt, boolean daily,
        LocalDate silentSince) {
}
