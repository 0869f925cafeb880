package org.tlsrpt.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.ReadReport;
import org.tlsrpt.core.ReadResult;
import org.tlsrpt.core.ReportReader;
import org.tlsrpt.core.model.FailureDetail;
import org.tlsrpt.core.model.PolicyResult;
import org.tlsrpt.core.problem.FindingCode;

/** The demo history read back by the product's own reader: its story, its counts and that it never changes. */
class DemoHistoryTest {

    private static final LocalDate LAST_DAY = LocalDate.of(2026, 12, 5);
    private static final ReportReader READER = new ReportReader(Limits.DEFAULTS);

    private static ReadReport read(DemoReport report) {
        ReadResult result = READER.read(report.json(), "application/tlsrpt+json", report.fileName());
        assertThat(result.refusals()).as(report.fileName()).isEmpty();
        assertThat(result.reports()).hasSize(1);
        return result.reports().get(0);
    }

    @Test
    void theSameDayGivesTheSameBytesWhicheverDayTheHistoryEndsOn() {
        List<DemoReport> first = DemoHistory.through(LAST_DAY);
        List<DemoReport> again = DemoHistory.through(LAST_DAY);
        assertThat(again).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            assertThat(again.get(i).json()).isEqualTo(first.get(i).json());
        }
        // a day later: every report both hold is the same identity with the same bytes, never a conflict
        Map<String, byte[]> byKey = new HashMap<>();
        first.forEach(report -> byKey.put(read(report).key().value(), report.json()));
        List<DemoReport> later = DemoHistory.through(LAST_DAY.plusDays(1));
        long shared = later.stream().filter(report -> {
            byte[] before = byKey.get(read(report).key().value());
            if (before != null) {
                assertThat(report.json()).as(report.fileName()).isEqualTo(before);
            }
            return before != null;
        }).count();
        long firstDay = first.stream().filter(report -> report.day().equals(first.get(0).day())).count();
        assertThat(shared).as("all but the first day's reports").isEqualTo(first.size() - firstDay);
        assertThat(byKey).as("report identities are unique").hasSize(first.size());
    }

    @Test
    void everyReportReadsAsTheCountsItClaimsAndSaysItIsADemo() {
        List<DemoReport> reports = DemoHistory.through(LAST_DAY);
        assertThat(reports.get(0).day()).isEqualTo(LAST_DAY.minusDays(DemoHistory.DAYS - 1));
        for (DemoReport demo : reports) {
            ReadReport read = read(demo);
            assertThat(read.report().organizationName()).endsWith(DemoHistory.ORGANISATION_SUFFIX)
                    .isEqualTo(demo.reporter());
            assertThat(read.report().contactInfo()).isEqualTo(DemoHistory.CONTACT);
            assertThat(read.report().dateRange().start().atZone(java.time.ZoneOffset.UTC).toLocalDate())
                    .isEqualTo(demo.day());
            for (PolicyResult policy : read.report().policies()) {
                assertThat(policy.policy().policyDomain()).isEqualTo(demo.domain()).matches("example\\.(com|net|org)");
                // sts and tlsa of one Microsoft report count the same sessions: each equals what the demo says
                assertThat(policy.summary().totalSuccessfulSessionCount()).isEqualTo(demo.successful());
                assertThat(policy.summary().totalFailureSessionCount()).isEqualTo(demo.failed());
            }
        }
    }

    @Test
    void eachSenderHasItsQuirks() {
        List<DemoReport> reports = DemoHistory.through(LAST_DAY);
        DemoReport microsoft = only(reports, "Microsoft", "example.com", LAST_DAY);
        ReadReport read = read(microsoft);
        assertThat(read.findings()).anySatisfy(f -> assertThat(f.code()).isEqualTo(FindingCode.DATETIME_WITHOUT_ZONE));
        assertThat(read.report().policies()).extracting(p -> p.policy().policyTypeName())
                .containsExactly("sts", "tlsa");
        assertThat(read.report().reportId()).matches("\\d{18}\\+example\\.com");

        DemoReport google = only(reports, "Google", "example.org", LAST_DAY);
        assertThat(read(google).report().policies().get(0).policy().policyTypeName()).isEqualTo("no-policy-found");
        assertThat(new String(google.json(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("\n");

        DemoReport mailRu = reports.stream().filter(r -> r.reporter().startsWith("Mail.ru")).reduce((a, b) -> b)
                .orElseThrow();
        assertThat(new String(mailRu.json(), java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("{\n").contains("T00:00:00Z\"").contains("\"contact-info\"");
        assertThat(read(mailRu).report().dateRange().end()).isEqualTo(mailRu.day().plusDays(1)
                .atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
    }

    @Test
    void theStoryHappensInEveryNinetyDays() {
        for (LocalDate last : List.of(LAST_DAY, LAST_DAY.plusDays(37), LAST_DAY.plusDays(71))) {
            List<DemoReport> reports = DemoHistory.through(last);
            assertThat(failureDays(reports, "certificate-expired", "mx2.example.com")).as("expired on mx2").hasSize(3);
            assertThat(failureDays(reports, "certificate-expired", "mx1.example.com")).isEmpty();
            assertThat(failureDays(reports, "starttls-not-supported", "mx.example.net")).hasSize(1);
            assertThat(failureDays(reports, "validation-failure", "mx2.example.net")).as("the MX the policy missed")
                    .hasSize(30);
            LocalDate lastMailRu = reports.stream().filter(r -> r.reporter().startsWith("Mail.ru"))
                    .map(DemoReport::day).max(LocalDate::compareTo).orElseThrow();
            assertThat(lastMailRu).as("Mail.ru went silent").isEqualTo(last.minusDays(12));
            assertThat(reports.stream().map(DemoReport::reporter).collect(Collectors.toSet())).hasSize(4);
        }
    }

    private static Set<LocalDate> failureDays(List<DemoReport> reports, String resultType, String mx) {
        Set<LocalDate> days = new TreeSet<>();
        for (DemoReport report : reports) {
            for (PolicyResult policy : read(report).report().policies()) {
                for (FailureDetail detail : policy.failureDetails()) {
                    if (detail.resultTypeName().equals(resultType) && mx.equals(detail.receivingMxHostname())) {
                        days.add(report.day());
                    }
                }
            }
        }
        return days;
    }

    private static DemoReport only(List<DemoReport> reports, String reporter, String domain, LocalDate day) {
        List<DemoReport> found = reports.stream().filter(r -> r.reporter().startsWith(reporter)
                && r.domain().equals(domain) && r.day().equals(day)).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }
}
