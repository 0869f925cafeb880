package org.tlsrpt.app.dashboard;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The reports the dashboard test posts, as data: the expected figures are summed from these records, not written
 * by hand, and counted once per report identity (organisation, report id, day) as the counting rules say.
 */
final class FixtureReports {

    record Detail(String resultType, String sendingMtaIp, String receivingMx, long failedSessions) {
    }

    record Policy(String type, String domain, long successful, long failed, List<Detail> details) {
    }

    record Report(String organization, String reportId, LocalDate day, List<Policy> policies) {

        String identity() {
            return organization + "|" + reportId + "|" + day;
        }

        String json() {
            StringBuilder policiesJson = new StringBuilder();
            for (Policy policy : policies) {
                if (!policiesJson.isEmpty()) {
                    policiesJson.append(',');
                }
                String details = policy.details().stream().map(d -> """
                        {"result-type":"%s","sending-mta-ip":"%s","receiving-mx-hostname":"%s","failed-session-count":%d}"""
                        .formatted(d.resultType(), d.sendingMtaIp(), d.receivingMx(), d.failedSessions()))
                        .collect(Collectors.joining(","));
                String policyString = policy.type().equals("sts")
                        ? "[\"version: STSv1\",\"mode: enforce\",\"mx: mx1." + policy.domain() + "\",\"max_age: 86400\"]"
                        : "[\"3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\"]";
                policiesJson.append("""
                        {"policy":{"policy-type":"%s","policy-string":%s,"policy-domain":"%s",\
                        "mx-host":["mx1.%s"]},"summary":{"total-successful-session-count":%d,\
                        "total-failure-session-count":%d},"failure-details":[%s]}"""
                        .formatted(policy.type(), policyString, policy.domain(), policy.domain(), policy.successful(),
                                policy.failed(), details));
            }
            return """
                    {"organization-name":"%s","date-range":{"start-datetime":"%sT00:00:00Z",\
                    "end-datetime":"%sT23:59:59Z"},"contact-info":"tlsrpt@%s","report-id":"%s","policies":[%s]}"""
                    .formatted(organization, day, day, organization.toLowerCase().replaceAll("[^a-z]", "") + ".example",
                            reportId, policiesJson);
        }
    }

    static final String DOMAIN_A = "dash-a.example";
    static final String DOMAIN_B = "dash-b.example";

    /**
     * What is posted, in order; the fourth repeats the first (a retry), which must count once, and the last says
     * something else under the first one's identity: kept as a second version, not counted (both came by HTTPS, so the
     * first to arrive counts), and shown side by side on the report page.
     */
    static List<Report> posted(LocalDate today) {
        LocalDate twoDaysAgo = today.minusDays(2);
        LocalDate yesterday = today.minusDays(1);
        Report google = new Report("Google Inc.", "dash-google-1", twoDaysAgo, List.of(
                new Policy("sts", DOMAIN_A, 41, 2, List.of(
                        new Detail("certificate-expired", "209.85.220.41", "mx1." + DOMAIN_A, 2))),
                new Policy("tlsa", DOMAIN_A, 10, 3, List.of(
                        new Detail("tlsa-invalid", "209.85.220.42", "mx1." + DOMAIN_A, 3)))));
        Report microsoft = new Report("Microsoft Corporation", "dash-microsoft-1", yesterday, List.of(
                new Policy("sts", DOMAIN_A, 100, 5, List.of(
                        new Detail("starttls-not-supported", "40.107.1.1", "mx2." + DOMAIN_A, 4),
                        new Detail("certificate-expired", "209.85.220.41", "mx1." + DOMAIN_A, 1)))));
        Report other = new Report("Google Inc.", "dash-google-2", yesterday, List.of(
                new Policy("sts", DOMAIN_B, 7, 0, List.of())));
        Report googleAgainOtherwise = new Report(google.organization(), google.reportId(), google.day(), List.of(
                new Policy("sts", DOMAIN_A, 40, 3, List.of(
                        new Detail("certificate-expired", "209.85.220.41", "mx1." + DOMAIN_A, 3)))));
        return List.of(google, microsoft, other, google, googleAgainOtherwise);
    }

    static List<Report> distinct(List<Report> reports) {
        Map<String, Report> byIdentity = new LinkedHashMap<>();
        reports.forEach(report -> byIdentity.putIfAbsent(report.identity(), report));
        return new ArrayList<>(byIdentity.values());
    }

    static List<Policy> policies(List<Report> reports, String domain) {
        return distinct(reports).stream().flatMap(r -> r.policies().stream())
                .filter(p -> p.domain().equals(domain)).toList();
    }

    /**
     * A domain's sessions as the counting rules take them: one reporter's sessions of one day come from the policy
     * type with most of them (sts and tlsa of one report describe the same sessions), summed over reporters and days.
     */
    static long successful(List<Report> reports, String domain) {
        return perReporterDay(reports, domain).stream().mapToLong(totals -> totals[0]).sum();
    }

    static long failed(List<Report> reports, String domain) {
        return perReporterDay(reports, domain).stream().mapToLong(totals -> totals[1]).sum();
    }

    private static List<long[]> perReporterDay(List<Report> reports, String domain) {
        Map<String, Map<String, long[]>> byReporterDay = new LinkedHashMap<>();
        for (Report report : distinct(reports)) {
            for (Policy policy : report.policies()) {
                if (policy.domain().equals(domain)) {
                    long[] totals = byReporterDay.computeIfAbsent(report.organization() + "|" + report.day(),
                            key -> new LinkedHashMap<>()).computeIfAbsent(policy.type(), type -> new long[2]);
                    totals[0] += policy.successful();
                    totals[1] += policy.failed();
                }
            }
        }
        return byReporterDay.values().stream().map(byType -> byType.values().stream()
                .max(Comparator.comparingLong(totals -> totals[0] + totals[1])).orElseThrow()).toList();
    }

    static Map<String, Long> byPolicyType(List<Report> reports, String domain, boolean failedSessions) {
        return policies(reports, domain).stream().collect(Collectors.groupingBy(Policy::type, Collectors.summingLong(
                failedSessions ? Policy::failed : Policy::successful)));
    }

    /** Failed sessions of the failure details per key and policy type ("certificate-expired sts"): never added over types. */
    static Map<String, Long> failures(List<Report> reports, String domain, Function<Detail, String> key) {
        Map<String, Long> sums = new LinkedHashMap<>();
        for (Policy policy : policies(reports, domain)) {
            for (Detail detail : policy.details()) {
                sums.merge(key.apply(detail) + " " + policy.type(), detail.failedSessions(), Long::sum);
            }
        }
        return sums;
    }
}
