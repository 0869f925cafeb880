package org.tlsrpt.core.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.tlsrpt.core.parse.ParserFixtures.parse;
import static org.tlsrpt.core.parse.ParserFixtures.parsed;
import static org.tlsrpt.core.parse.ParserFixtures.resource;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tlsrpt.core.decode.Envelope;
import org.tlsrpt.core.model.FailureDetail;
import org.tlsrpt.core.model.PolicyResult;
import org.tlsrpt.core.model.PolicyType;
import org.tlsrpt.core.model.ResultType;
import org.tlsrpt.core.model.TlsReport;
import org.tlsrpt.core.problem.Finding;
import org.tlsrpt.core.problem.FindingCode;

/** The shapes real senders produce, as fixtures under {@code reports/}. */
class ReportParserSendersTest {

    private static ParseOutcome.Parsed fixture(String name) {
        return parsed(parse(resource(name), Envelope.NONE));
    }

    @Test
    void googleNoPolicyFoundReportParsesWithoutFindings() {
        ParseOutcome.Parsed outcome = fixture("google-no-policy-found.json");

        TlsReport report = outcome.report();
        assertThat(outcome.findings()).isEmpty();
        assertThat(report.organizationName()).isEqualTo("Google Inc.");
        assertThat(report.reportId()).isEqualTo("2026-03-14T00:00:00Z_mail.example.org");
        assertThat(report.contactInfo()).isEqualTo("smtp-tls-reporting@google.com");
        assertThat(report.dateRange().start()).isEqualTo(Instant.parse("2026-03-14T00:00:00Z"));
        assertThat(report.dateRange().end()).isEqualTo(Instant.parse("2026-03-14T23:59:59Z"));
        PolicyResult policy = report.policies().get(0);
        assertThat(policy.policy().policyType()).isEqualTo(PolicyType.NO_POLICY_FOUND);
        assertThat(policy.policy().policyDomain()).isEqualTo("mail.example.org");
        assertThat(policy.policy().policyString()).isEmpty();
        assertThat(policy.policy().mxHost()).isEmpty();
        assertThat(policy.summary().totalSuccessfulSessionCount()).isEqualTo(57);
        assertThat(policy.failureDetails()).isEmpty();
    }

    @Test
    void googleStsReportNormalisesAddressesAndHostnames() {
        ParseOutcome.Parsed outcome = fixture("google-sts.json");

        assertThat(outcome.findings()).isEmpty();
        PolicyResult policy = outcome.report().policies().get(0);
        assertThat(policy.policy().mxHost()).containsExactly("*.mx.example.net", "backup.example.net");
        assertThat(policy.policy().policyString()).hasSize(5).first().isEqualTo("version: STSv1");
        FailureDetail first = policy.failureDetails().get(0);
        assertThat(first.resultType()).isEqualTo(ResultType.VALIDATION_FAILURE);
        assertThat(first.receivingIp()).isEqualTo("2001:db8::25");
        assertThat(first.receivingMxHostname()).isEqualTo("backup.example.net");
        assertThat(first.failureReasonCode()).isEqualTo("X509_V_ERR_CERT_HAS_EXPIRED");
        assertThat(policy.failureDetails().get(1).sendingMtaIp()).isEqualTo("2607:f8b0:4864:20::b4a");
        assertThat(policy.failureDetailSessionCount()).isEqualTo(policy.summary().totalFailureSessionCount());
    }

    @Test
    void microsoftReportWithZonelessDatesAndEncodedTlsaRecordsIsReadWithFindings() {
        ParseOutcome.Parsed outcome = fixture("microsoft-sts-tlsa.json");

        TlsReport report = outcome.report();
        assertThat(report.dateRange().start()).isEqualTo(Instant.parse("2026-03-16T00:00:00Z"));
        assertThat(report.dateRange().end()).isEqualTo(Instant.parse("2026-03-16T23:59:59Z"));
        assertThat(report.policies().get(1).policy().policyType()).isEqualTo(PolicyType.TLSA);
        assertThat(report.policies().get(1).policy().policyString()).containsExactly(
                "3 1 1 0A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F9",
                "2 1 1 F9E8D7C6B5A493827160F5E4D3C2B1A0F9E8D7C6B5A493827160F5E4D3C2B1A0");
        assertThat(outcome.findings()).extracting(Finding::code, Finding::path).containsExactly(
                tuple(FindingCode.DATETIME_WITHOUT_ZONE, "$.date-range.start-datetime"),
                tuple(FindingCode.DATETIME_WITHOUT_ZONE, "$.date-range.end-datetime"),
                tuple(FindingCode.POLICY_STRING_JSON_ENCODED, "$.policies[1].policy.policy-string"));
    }

    @Test
    void mailRuReportWithOnlyFailureReasonCodesKeepsBothCountsWhenTheyDisagree() {
        ParseOutcome.Parsed outcome = fixture("mailru-fetch-error.json");

        PolicyResult policy = outcome.report().policies().get(0);
        assertThat(policy.failureDetails()).extracting(FailureDetail::resultType, FailureDetail::sendingMtaIp,
                        FailureDetail::receivingMxHostname)
                .containsOnly(tuple(ResultType.STS_POLICY_FETCH_ERROR, null, null));
        assertThat(policy.failureDetails().get(1).failureReasonCode()).startsWith("Get \"https://mta-sts.example.org");
        assertThat(policy.summary().totalFailureSessionCount()).isEqualTo(2);
        assertThat(policy.failureDetailSessionCount()).isEqualTo(3);
        assertThat(outcome.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCode.FAILURE_DETAILS_SUM_MISMATCH);
            assertThat(finding.path()).isEqualTo("$.policies[0].failure-details");
            assertThat(finding.message()).contains("3").contains("2");
        });
    }

    @Test
    void postfixReportWithSummaryFirstAndNoPolicyDomainTakesTheDomainFromItsFileName() {
        Envelope envelope = Envelope.ofFileName("mx.example.de!recipient.example!1773792000!1773878399.json.gz");

        ParseOutcome.Parsed outcome = parsed(parse(resource("postfix-sys4.json"), envelope));

        TlsReport report = outcome.report();
        assertThat(report.reportId()).isEqualTo("2026-03-18T00:00:00Z_idx1_recipient.example");
        assertThat(report.policies().get(0).summary().totalSuccessfulSessionCount()).isEqualTo(4);
        assertThat(report.policies().get(0).policy().policyDomain()).isEqualTo("recipient.example");
        assertThat(outcome.findings()).extracting(Finding::code, Finding::path).containsExactly(
                tuple(FindingCode.POLICY_DOMAIN_FROM_ENVELOPE, "$.policies[0].policy.policy-domain"));
    }

    @Test
    void postfixReportWithoutEnvelopeKeepsThePolicyDomainMissing() {
        ParseOutcome.Parsed outcome = fixture("postfix-sys4.json");

        assertThat(outcome.report().policies().get(0).policy().policyDomain()).isNull();
        assertThat(outcome.findings()).extracting(Finding::code).containsExactly(FindingCode.POLICY_DOMAIN_MISSING);
    }

    @Test
    void rfcExampleWithMxHostStringAndDraftKeyIsRead() {
        ParseOutcome.Parsed outcome = fixture("rfc8460-example.json");

        PolicyResult policy = outcome.report().policies().get(0);
        assertThat(policy.policy().mxHost()).containsExactly("*.mail.company-y.example");
        assertThat(policy.failureDetails().get(0).sendingMtaIp()).isEqualTo("2001:db8:abcd:12::1");
        assertThat(policy.failureDetails().get(2).failureReasonCode()).isEqualTo("X509_V_ERR_PROXY_PATH_LENGTH_EXCEEDED");
        assertThat(outcome.findings()).extracting(Finding::code).containsExactlyInAnyOrder(
                FindingCode.STRING_INSTEAD_OF_ARRAY, FindingCode.NON_STANDARD_FIELD);
    }

    @Test
    void draftEraKeysAreReadAsTheirRfcEquivalents() {
        ParseOutcome.Parsed outcome = fixture("draft-era-keys.json");

        FailureDetail detail = outcome.report().policies().get(0).failureDetails().get(0);
        assertThat(detail.resultType()).isEqualTo(ResultType.CERTIFICATE_NOT_TRUSTED);
        assertThat(detail.resultTypeName()).isEqualTo("certificate-not-trusted");
        assertThat(detail.receivingMxHostname()).isEqualTo("mx.example.com");
        assertThat(detail.additionalInformation()).isEqualTo("https://mailer.example/tlsrpt/4412");
        assertThat(detail.failureReasonCode()).isEqualTo("unable to get local issuer certificate");
        assertThat(detail.sendingMtaIp()).isNull();
        assertThat(detail.receivingIp()).isNull();
        assertThat(outcome.report().contactInfo()).isNull();
        assertThat(outcome.report().policies().get(0).policy().policyType()).isEqualTo(PolicyType.STS);
        String detailPath = "$.policies[0].failure-details[0]";
        assertThat(outcome.findings()).extracting(Finding::code, Finding::path).containsExactlyInAnyOrder(
                tuple(FindingCode.NULL_VALUE, "$.contact-info"),
                tuple(FindingCode.EMPTY_VALUE, detailPath + ".sending-mta-ip"),
                tuple(FindingCode.EMPTY_VALUE, detailPath + ".receiving-ip"),
                tuple(FindingCode.NON_STANDARD_FIELD, detailPath + ".receiving-mx-host-name"),
                tuple(FindingCode.NON_STANDARD_FIELD, detailPath + ".additional-info-uri"),
                tuple(FindingCode.NON_STANDARD_FIELD, detailPath + ".failure-error-code"));
    }

    @Test
    void everyFixtureSurvivesACanonicalRoundTrip() {
        for (String name : List.of("google-no-policy-found.json", "google-sts.json", "microsoft-sts-tlsa.json",
                "mailru-fetch-error.json", "postfix-sys4.json", "rfc8460-example.json", "draft-era-keys.json")) {
            TlsReport report = fixture(name).report();
            TlsReport again = parsed(parse(CanonicalJson.toBytes(report), Envelope.NONE)).report();
            assertThat(again).as(name).isEqualTo(report);
        }
    }
}
