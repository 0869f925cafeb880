package org.tlsrpt.api.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsrpt.checks.Check;
import org.tlsrpt.checks.CheckResult;
import org.tlsrpt.checks.DomainCheck;
import org.tlsrpt.checks.PolicySeen;
import org.tlsrpt.checks.ResultType;
import org.tlsrpt.checks.lab.Lab;
import org.tlsrpt.processor.TestReports;
import org.tlsrpt.processor.consume.Batch;
import org.tlsrpt.processor.write.ReportWriter;
import org.tlsrpt.storage.ClickHouseConnector;

/**
 * The scheduled checks against the checks' lab (real NSD, SMTP and HTTPS servers) with their history in the embedded
 * ClickHouse, and the diagnosis of reports written by the processor's own writer beside them.
 */
class ScheduledChecksIT {

    @TempDir
    static Path dir;
    static LabAndClickHouse setup;
    static ClickHouseConnector database;
    static DomainChecks checks;
    static ScheduledChecks.Round first;
    static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    static final ScheduledChecks.Settings SETTINGS =
            new ScheduledChecks.Settings(Duration.ofHours(6), List.of("uncovered.lab"), 30, 100, 4, 100);

    @BeforeAll
    static void start() throws Exception {
        setup = LabAndClickHouse.start(dir, "checks_history");
        database = setup.database;
        checks = setup.checks;
        writeReports(List.of(
                report("google.com", "expired.lab", "certificate-expired", "mx-expired.lab"),
                report("microsoft.com", "expired.lab", "certificate-expired", "mx-expired.lab."),
                report("google.com", "good.lab", "certificate-expired", "mx-good.lab"),
                report("google.com", "wrongname.lab", "sts-policy-fetch-error", "")));
        first = checks.scheduled(SETTINGS, Set::of, "instance-1", Duration.ofMinutes(5)).run();
    }

    @AfterAll
    static void stop() {
        if (setup != null) {
            setup.close();
        }
    }

    @Test
    void aRoundChecksEveryReportedAndConfiguredDomainAndStoresIt() throws Exception {
        assertThat(first.ran()).isTrue();
        assertThat(first.checks()).extracting(DomainCheck::domain)
                .containsExactlyInAnyOrder("expired.lab", "good.lab", "wrongname.lab", "uncovered.lab");
        DomainCheck stored = checks.history().latest("expired.lab").orElseThrow();
        DomainCheck checked = first.checks().stream().filter(c -> c.domain().equals("expired.lab")).findFirst()
                .orElseThrow();
        assertThat(stored.results()).isEqualTo(checked.results());
        assertThat(stored.checkedAt()).isEqualTo(checked.checkedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        assertThat(stored.results()).anySatisfy(r -> {
            assertThat(r.check()).isEqualTo(Check.CERTIFICATE_EXPIRY);
            assertThat(r.target()).isEqualTo("mx-expired.lab");
            assertThat(r.resultType()).isEqualTo(ResultType.CERTIFICATE_EXPIRED);
        });
    }

    @Test
    void aSecondRoundFindsNothingDueAndAnotherInstanceWaitsForTheLease() throws Exception {
        ScheduledChecks.Round again = checks.scheduled(SETTINGS, Set::of, "instance-1", Duration.ofMinutes(5)).run();
        assertThat(again.ran()).isTrue();
        assertThat(again.checks()).isEmpty();
        ScheduledChecks.Round other = checks.scheduled(SETTINGS, Set::of, "instance-2", Duration.ofMinutes(5)).run();
        assertThat(other.ran()).isFalse();
    }

    @Test
    void theDiagnosisJoinsReportedFailuresWithTheChecks() throws Exception {
        List<Finding> expired = checks.diagnosis("expired.lab", TODAY.minusDays(3), TODAY, 100);
        assertThat(expired).hasSize(1);
        Finding finding = expired.get(0);
        assertThat(finding.failure().receivingMx()).isEqualTo("mx-expired.lab");
        assertThat(finding.failure().sessions()).isEqualTo(10);
        assertThat(finding.failure().reporters()).containsExactly("google.com", "microsoft.com");
        assertThat(finding.verdict()).isEqualTo(Verdict.STILL_FAILING);

        assertThat(checks.diagnosis("good.lab", TODAY.minusDays(3), TODAY, 100))
                .extracting(Finding::verdict).containsExactly(Verdict.NOT_REPRODUCED);
        assertThat(checks.diagnosis("wrongname.lab", TODAY.minusDays(3), TODAY, 100))
                .extracting(Finding::verdict).containsExactly(Verdict.STILL_FAILING);
    }

    @Test
    void aFailureAnEarlierCheckSawAndTheNewestNoMoreIsFixedSinceTheNewest() throws Exception {
        DomainCheck newest = checks.history().latest("uncovered.lab").orElseThrow();
        // an older check (a day before) that saw mx-good.lab's certificate expired
        Instant before = newest.checkedAt().minus(Duration.ofDays(1));
        checks.history().save(new DomainCheck("uncovered.lab", before, List.of(new CheckResult(
                Check.CERTIFICATE_EXPIRY, "mx-good.lab", ResultType.CERTIFICATE_EXPIRED, "expired", Map.of()))),
                CheckHistory.Trigger.SCHEDULED);
        writeReports(List.of(report("google.com", "uncovered.lab", "certificate-expired", "mx-good.lab")));
        Finding finding = checks.diagnosis("uncovered.lab", TODAY.minusDays(3), TODAY, 100).get(0);
        assertThat(finding.verdict()).isEqualTo(Verdict.FIXED);
        assertThat(finding.fixedSince()).contains(newest.checkedAt());
    }

    @Test
    void aChangedPolicyUnderTheSameIdIsToldFromTheHistory() throws Exception {
        PolicySeen seen = checks.history().policySeen("good.lab").orElseThrow();
        assertThat(seen.sha256()).isEqualTo(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Lab.GOOD_POLICY.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        // a check newer than the first round remembers another policy body under the same id
        DomainCheck newest = checks.history().latest("good.lab").orElseThrow();
        checks.history().save(new DomainCheck("good.lab", newest.checkedAt().plusMillis(5), List.of(new CheckResult(
                Check.STS_POLICY, "mta-sts.good.lab", ResultType.OK, "mode enforce",
                Map.of("id", seen.id(), "sha256", "00".repeat(32))))), CheckHistory.Trigger.SCHEDULED);
        DomainCheck now = checks.runNow("good.lab");
        assertThat(now.results()).extracting(CheckResult::resultType).contains(ResultType.STS_POLICY_ID_UNCHANGED);
        assertThat(checks.history().latest("good.lab").orElseThrow().results()).isEqualTo(now.results());
    }

    /** A report of {@code organization} for {@code domain} on today with 5 failed sessions at {@code mx}. */
    private static String report(String organization, String domain, String resultType, String mx) {
        return "{\"organization-name\":\"" + organization + "\",\"date-range\":{\"start-datetime\":\"" + TODAY
                + "T00:00:00Z\",\"end-datetime\":\"" + TODAY + "T23:59:59Z\"},\"contact-info\":\"tls@example.org\","
                + "\"report-id\":\"check-" + organization + "-" + domain + "-" + resultType + "\",\"policies\":[{"
                + "\"policy\":{\"policy-type\":\"sts\",\"policy-string\":[\"version: STSv1\",\"mode: enforce\"],"
                + "\"policy-domain\":\"" + domain + "\",\"mx-host\":[\"" + mx + "\"]},\"summary\":{"
                + "\"total-successful-session-count\":100,\"total-failure-session-count\":5},\"failure-details\":[{"
                + "\"result-type\":\"" + resultType + "\",\"sending-mta-ip\":\"198.51.100.7\","
                + (mx.isEmpty() ? "" : "\"receiving-mx-hostname\":\"" + mx + "\",")
                + "\"failed-session-count\":5}]}]}";
    }

    private static long offset;

    private static void writeReports(List<String> reports) throws Exception {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (String json : reports) {
            records.add(new ConsumerRecord<>("tlsrpt.reports", 0, offset++, TestReports.record(json, "http").key(),
                    TestReports.value(json, "http")));
        }
        new ReportWriter(database).write(new Batch("tlsrpt.reports", records));
    }
}
