package org.tlsrpt.api;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.tlsrpt.api.ApiFixtures.Detail;
import org.tlsrpt.api.ApiFixtures.Policy;
import org.tlsrpt.api.ApiFixtures.Report;

/**
 * What each endpoint must answer, computed from the fixture reports alone (plain loops over the distinct
 * reports), so that the tests compare ClickHouse's answers with an independent count.
 */
public final class ExpectedAnswers {

    private final List<Report> reports;

    public ExpectedAnswers(ApiFixtures fixtures) {
        this.reports = fixtures.reports();
    }

    private boolean in(Report report, LocalDate from, LocalDate to) {
        return !report.day().isBefore(from) && !report.day().isAfter(to);
    }

    /** [successful, failed, reporters] of a domain: per reporter and day the policy type with most sessions. */
    public long[] domainTotals(String domain, LocalDate from, LocalDate to) {
        Map<String, Map<String, long[]>> byReporterDay = new TreeMap<>();
        Set<String> organizations = new TreeSet<>();
        for (Report report : reports) {
            if (!in(report, from, to)) {
                continue;
            }
            for (Policy policy : report.policies()) {
                if (policy.domain().equals(domain)) {
                    organizations.add(report.organization());
                    long[] sums = byReporterDay.computeIfAbsent(report.organization() + "|" + report.day(),
                            k -> new TreeMap<>()).computeIfAbsent(policy.type(), k -> new long[2]);
                    sums[0] += policy.successful();
                    sums[1] += policy.failed();
                }
            }
        }
        long successful = 0;
        long failed = 0;
        for (Map<String, long[]> types : byReporterDay.values()) {
            long[] best = null;
            for (long[] sums : types.values()) {
                if (best == null || sums[0] + sums[1] > best[0] + best[1]) {
                    best = sums;
                }
            }
            successful += best[0];
            failed += best[1];
        }
        return new long[] {successful, failed, organizations.size()};
    }

    /** policy type → [successful, failed]. */
    public Map<String, long[]> byPolicyType(String domain, LocalDate from, LocalDate to) {
        return sums(domain, from, to, (report) -> "");
    }

    /** "day|policyType" → [successful, failed]. */
    public Map<String, long[]> byDayAndPolicyType(String domain, LocalDate from, LocalDate to) {
        return sums(domain, from, to, report -> report.day() + "|");
    }

    private Map<String, long[]> sums(String domain, LocalDate from, LocalDate to, Function<Report, String> prefix) {
        Map<String, long[]> sums = new TreeMap<>();
        for (Report report : reports) {
            if (!in(report, from, to)) {
                continue;
            }
            for (Policy policy : report.policies()) {
                if (policy.domain().equals(domain)) {
                    long[] s = sums.computeIfAbsent(prefix.apply(report) + policy.type(), k -> new long[2]);
                    s[0] += policy.successful();
                    s[1] += policy.failed();
                }
            }
        }
        return sums;
    }

    /** "policyType|key1|key2…" → failed sessions of the failure details; keys are request names of by. */
    public Map<String, Long> failures(String domain, LocalDate from, LocalDate to, List<String> by) {
        Map<String, Long> sums = new TreeMap<>();
        for (Report report : reports) {
            if (!in(report, from, to)) {
                continue;
            }
            for (Policy policy : report.policies()) {
                if (!policy.domain().equals(domain)) {
                    continue;
                }
                for (Detail detail : policy.details()) {
                    List<String> key = new ArrayList<>();
                    key.add(policy.type());
                    for (String name : by) {
                        key.add(switch (name) {
                            case "result-type" -> detail.resultType();
                            case "sending-mta-ip" -> detail.sendingMtaIp();
                            case "receiving-mx-hostname" -> detail.receivingMxHostname();
                            case "receiving-ip" -> detail.receivingIp();
                            case "organization" -> report.organization();
                            case "failure-reason-code" -> detail.failureReasonCode();
                            default -> throw new IllegalArgumentException(name);
                        });
                    }
                    sums.merge(String.join("|", key), detail.failed(), Long::sum);
                }
            }
        }
        return sums;
    }

    /** "domain|organization" → [reports, days with reports]. */
    public Map<String, long[]> reporters(Set<String> domains, LocalDate from, LocalDate to) {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Set<LocalDate>> days = new TreeMap<>();
        for (Report report : reports) {
            if (!in(report, from, to)) {
                continue;
            }
            for (String domain : report.domains()) {
                if (domains.contains(domain)) {
                    String key = domain + "|" + report.organization();
                    counts.computeIfAbsent(key, k -> new long[2])[0]++;
                    days.computeIfAbsent(key, k -> new TreeSet<>()).add(report.day());
                }
            }
        }
        counts.forEach((key, c) -> c[1] = days.get(key).size());
        return counts;
    }

    /** Report ids a scope may list: every policy domain in {@code domains}, optionally one domain only. */
    public Set<String> reportIds(Set<String> domains, String domain, String organization, LocalDate from,
            LocalDate to) {
        Set<String> ids = new TreeSet<>();
        for (Report report : reports) {
            if (in(report, from, to) && domains.containsAll(report.domains())
                    && (domain == null || report.domains().contains(domain))
                    && (organization == null || organization.equals(report.organization()))) {
                ids.add(report.reportId());
            }
        }
        return ids;
    }
}
