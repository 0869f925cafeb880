package org.tlsrpt.api.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tlsrpt.checks.Check;
import org.tlsrpt.checks.CheckResult;
import org.tlsrpt.checks.DomainCheck;
import org.tlsrpt.checks.ResultType;

/** The verdicts of the diagnosis: each from the checks it was given, newest first. */
class DiagnosisTest {

    private static final Instant T1 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-12-02T10:00:00Z");
    private static final Instant T3 = Instant.parse("2026-12-03T10:00:00Z");

    private static ReportedFailure reported(String type, String mx) {
        return new ReportedFailure(type, mx, 12, LocalDate.of(2026, 11, 30), LocalDate.of(2026, 12, 2),
                List.of("google.com"));
    }

    private static DomainCheck check(Instant at, CheckResult... results) {
        List<CheckResult> all = new ArrayList<>(List.of(
                CheckResult.of(Check.MX, "example.com", ResultType.OK, "mx1.example.com, mx2.example.com")));
        all.addAll(List.of(results));
        return new DomainCheck("example.com", at, all);
    }

    private static CheckResult expiry(String mx, ResultType type) {
        return new CheckResult(Check.CERTIFICATE_EXPIRY, mx, type, type.ok() ? "valid" : "expired", Map.of());
    }

    @Test
    void stillFailingWhenTheNewestCheckFindsTheSameOnTheSameMx() {
        Finding finding = Diagnosis.of(reported("certificate-expired", "mx2.example.com."),
                List.of(check(T2, expiry("mx1.example.com", ResultType.OK),
                        expiry("mx2.example.com", ResultType.CERTIFICATE_EXPIRED))));
        assertThat(finding.verdict()).isEqualTo(Verdict.STILL_FAILING);
        assertThat(finding.checkedAt()).contains(T2);
        assertThat(finding.current()).extracting(CheckResult::target).containsExactly("mx2.example.com");
    }

    @Test
    void fixedSinceTheFirstPassingCheckAfterTheLastFailingOne() {
        Finding finding = Diagnosis.of(reported("certificate-expired", "MX2.example.com"), List.of(
                check(T3, expiry("mx2.example.com", ResultType.OK)),
                check(T2, expiry("mx2.example.com", ResultType.OK)),
                check(T1, expiry("mx2.example.com", ResultType.CERTIFICATE_EXPIRED))));
        assertThat(finding.verdict()).isEqualTo(Verdict.FIXED);
        assertThat(finding.fixedSince()).contains(T2);
        assertThat(finding.explanation())
                .isEqualTo("mx2.example.com presented an expired certificate until 2 Dec 10:00 UTC; fixed since");
    }

    @Test
    void notReproducedWhenChecksPassAndNeverSawIt() {
        Finding finding = Diagnosis.of(reported("certificate-expired", "mx2.example.com"), List.of(
                check(T2, expiry("mx2.example.com", ResultType.OK)),
                check(T1, expiry("mx2.example.com", ResultType.OK))));
        assertThat(finding.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
        // the other MX failing says nothing about this one
        Finding other = Diagnosis.of(reported("certificate-expired", "mx1.example.com"), List.of(
                check(T2, expiry("mx1.example.com", ResultType.OK),
                        expiry("mx2.example.com", ResultType.CERTIFICATE_EXPIRED))));
        assertThat(other.verdict()).isEqualTo(Verdict.NOT_REPRODUCED);
    }

    @Test
    void unknownWithoutChecksOrWhenTheMxWasNotLookedAt() {
        assertThat(Diagnosis.of(reported("certificate-expired", "mx2.example.com"), List.of()).verdict())
                .isEqualTo(Verdict.UNKNOWN);
        // STARTTLS failed differently, so no certificate was seen: no evidence either way
        DomainCheck unreachable = check(T2, CheckResult.of(Check.STARTTLS, "mx2.example.com",
                ResultType.MX_UNREACHABLE, "refused"));
        assertThat(Diagnosis.of(reported("certificate-expired", "mx2.example.com"), List.of(unreachable)).verdict())
                .isEqualTo(Verdict.UNKNOWN);
        assertThat(Diagnosis.of(reported("something-new", "mx2.example.com"), List.of(unreachable)).verdict())
                .isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void policyFailuresJoinThePolicyCheckWhateverMxTheReportNames() {
        DomainCheck failing = check(T1, CheckResult.of(Check.STS_POLICY, "mta-sts.example.com",
                ResultType.STS_POLICY_FETCH_ERROR, "HTTP 404"));
        DomainCheck passing = check(T2, CheckResult.of(Check.STS_POLICY, "mta-sts.example.com", ResultType.OK,
                "mode enforce"));
        assertThat(Diagnosis.of(reported("sts-policy-fetch-error", ""), List.of(failing)).verdict())
                .isEqualTo(Verdict.STILL_FAILING);
        Finding fixed = Diagnosis.of(reported("sts-policy-fetch-error", "mx1.example.com"),
                List.of(passing, failing));
        assertThat(fixed.verdict()).isEqualTo(Verdict.FIXED);
        assertThat(fixed.explanation()).startsWith("The MTA-STS policy could not be fetched until");
    }

    @Test
    void anMxOutsideThePolicyIsWhatSendersReportAsValidationFailure() {
        DomainCheck uncovered = check(T2, CheckResult.of(Check.STS_MX_MATCH, "mx2.example.com",
                ResultType.STS_MX_NOT_COVERED, "no pattern"), CheckResult.of(Check.STARTTLS, "mx2.example.com",
                ResultType.OK, "TLSv1.3"));
        assertThat(Diagnosis.of(reported("validation-failure", "mx2.example.com"), List.of(uncovered)).verdict())
                .isEqualTo(Verdict.STILL_FAILING);
    }

    /** Result types and MX names come from reports, that is from strangers: whatever they say, a verdict. */
    @net.jqwik.api.Property(tries = 300)
    void anyReportedTypeAndMxGetsAVerdictWithoutThrowing(@net.jqwik.api.ForAll String type,
            @net.jqwik.api.ForAll String mx) {
        DomainCheck check = check(T2, expiry(mx, ResultType.CERTIFICATE_EXPIRED),
                CheckResult.of(Check.STS_POLICY, "mta-sts.example.com", ResultType.OK, "ok"));
        Finding finding = Diagnosis.of(new ReportedFailure(type, mx, 1, LocalDate.of(2026, 12, 1),
                LocalDate.of(2026, 12, 1), List.of()), List.of(check, check(T1)));
        assertThat(finding.verdict()).isNotNull();
        assertThat(finding.explanation()).isNotBlank();
    }

    @Test
    void daneFailuresLookAtTheTlsaRecordsOfTheMx() {
        DomainCheck check = check(T2,
                CheckResult.of(Check.TLSA, "_25._tcp.mx1.example.com", ResultType.OK, "1 record"),
                CheckResult.of(Check.DANE, "mx1.example.com", ResultType.TLSA_INVALID, "no match"));
        assertThat(Diagnosis.of(reported("tlsa-invalid", "mx1.example.com"), List.of(check)).verdict())
                .isEqualTo(Verdict.STILL_FAILING);
    }
}
