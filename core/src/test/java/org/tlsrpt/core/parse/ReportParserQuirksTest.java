package org.tlsrpt.core.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.tlsrpt.core.parse.ParserFixtures.BASE;
import static org.tlsrpt.core.parse.ParserFixtures.edit;
import static org.tlsrpt.core.parse.ParserFixtures.parse;
import static org.tlsrpt.core.parse.ParserFixtures.parsed;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tlsrpt.core.decode.Envelope;
import org.tlsrpt.core.decode.ReportFileName;
import org.tlsrpt.core.model.FailureDetail;
import org.tlsrpt.core.model.Policy;
import org.tlsrpt.core.model.PolicyType;
import org.tlsrpt.core.model.ResultType;
import org.tlsrpt.core.model.TlsReport;
import org.tlsrpt.core.problem.Finding;
import org.tlsrpt.core.problem.FindingCode;

/** One test per accepted deviation: the value read and the finding recorded. */
class ReportParserQuirksTest {

    private static final String DETAIL = "$.policies[0].failure-details[0]";

    private static Policy policy(ParseOutcome.Parsed outcome) {
        return outcome.report().policies().get(0).policy();
    }

    private static FailureDetail detail(ParseOutcome.Parsed outcome) {
        return outcome.report().policies().get(0).failureDetails().get(0);
    }

    @Test
    void baseReportHasNoFindings() {
        assertThat(parsed(BASE).findings()).isEmpty();
    }

    @Test
    void findingsAreCappedAndTheRestCounted() {
        String detail = "{\"result-type\":\"certificate-expired\",\"failed-session-count\":1,\"vendor-note\":\"x\"}";
        String details = String.join(",", java.util.Collections.nCopies(300, detail));
        ParseOutcome.Parsed outcome = parsed(edit(
                "\"failure-details\":[{\"result-type\":\"certificate-expired\",\"sending-mta-ip\":\"192.0.2.1\","
                        + "\"receiving-mx-hostname\":\"mx.example.com\",\"receiving-ip\":\"198.51.100.7\","
                        + "\"failed-session-count\":1}]",
                "\"failure-details\":[" + details + "]"));

        assertThat(outcome.report().policies().get(0).failureDetails()).hasSize(300);
        assertThat(outcome.findings()).hasSize(Findings.MAX_KEPT + 1);
        Finding last = outcome.findings().get(Findings.MAX_KEPT);
        assertThat(last.code()).isEqualTo(FindingCode.FINDINGS_TRUNCATED);
        // 300 unknown fields and one sum mismatch (300 details against a total of 1), 100 of them kept.
        assertThat(last.message()).startsWith("201 more");
    }

    @Test
    void mxHostGivenAsStringBecomesArrayWithFinding() {
        ParseOutcome.Parsed outcome = parsed(edit("\"mx-host\":[\"mx.example.com\"]", "\"mx-host\":\"MX.Example.com\""));

        assertThat(policy(outcome).mxHost()).containsExactly("mx.example.com");
        assertThat(outcome.findings()).extracting(Finding::code, Finding::path)
                .containsExactly(tuple(FindingCode.STRING_INSTEAD_OF_ARRAY, "$.policies[0].policy.mx-host"));
    }

    @Test
    void policyStringGivenAsStringBecomesArrayWithFinding() {
        ParseOutcome.Parsed outcome = parsed(edit(
                "\"policy-string\":[\"version: STSv1\",\"mode: enforce\",\"mx: mx.example.com\",\"max_age: 86400\"]",
                "\"policy-string\":\"version: STSv1\""));

        assertThat(policy(outcome).policyString()).containsExactly("version: STSv1");
        assertThat(outcome.findings()).extracting(Finding::code).containsExactly(FindingCode.STRING_INSTEAD_OF_ARRAY);
    }

    @Test
    void dateTimeWithoutZoneIsReadAsUtcWithFinding() {
        ParseOutcome.Parsed outcome = parsed(edit("\"2026-03-14T00:00:00Z\"", "\"2026-03-14T00:00:00\""));

        assertThat(outcome.report().dateRange().start()).isEqualTo(Instant.parse("2026-03-14T00:00:00Z"));
        assertThat(outcome.findings()).extracting(Finding::code, Finding::path)
                .containsExactly(tuple(FindingCode.DATETIME_WITHOUT_ZONE, "$.date-range.start-datetime"));
    }

    @Test
    void dateWithoutTimeIsReadAsMidnightUtcWithFinding() {
        ParseOutcome.Parsed outcome = parsed(edit("\"2026-03-14T23:59:59Z\"", "\"2026-03-15\""));

        assertThat(outcome.report().dateRange().end()).isEqualTo(Instant.parse("2026-03-15T00:00:00Z"));
        assertThat(outcome.findings()).extracting(Finding::code).containsExactly(FindingCode.DATE_WITHOUT_TIME);
    }

    @Test
    void dateTimesWithOffsetsFractionsAndLowerCaseLettersNeedNoFinding() {
        String json = edit(edit("\"2026-03-14T00:00:00Z\"", "\"2026-03-14t02:00:00.250+02:00\""),
                "\"2026-03-14T23:59:59Z\"", "\"2026-03-14t23:59:59z\"");

        ParseOutcome.Parsed outcome = parsed(json);

        assertThat(outcome.report().dateRange().start()).isEqualTo(Instant.parse("2026-03-14T00:00:00.250Z"));
        assertThat(outcome.report().dateRange().end()).isEqualTo(Instant.parse("2026-03-14T23:59:59Z"));
        assertThat(outcome.findings()).isEmpty();
    }

    @Test
    void countGivenAsStringIsReadAsIntegerWithFinding() {
        ParseOutcome.Parsed outcome = parsed(edit("\"total-successful-session-count\":10",
                "\"total-successful-session-count\":\"12\""));

        assertThat(outcome.report().policies().get(0).summary().totalSuccessfulSessionCount()).isEqualTo(12);
        assertThat(outcome.findings()).extracting(Finding::code, Finding::path).containsExactly(
                tuple(FindingCode.NUMBER_AS_STRING, "$.policies[0].summary.total-successful-session-count"));
    }

    @Test
    void integralDecimalCountsAreReadAsIntegersWithFinding() {
        String json = edit(edit("\"total-successful-session-count\":10", "\"total-successful-session-count\":12.0"),
                "\"total-failure-session-count\":1", "\"total-failure-session-count\":1e2");

        ParseOutcome.Parsed outcome = parsed(json);

        assertThat(outcome.report().policies().get(0).summary().totalSuccessfulSessionCount()).isEqualTo(12);
        assertThat(outcome.report().policies().get(0).summary().totalFailureSessionCount()).isEqualTo(100);
        assertThat(outcome.findings()).extracting(Finding::code).contains(FindingCode.NUMBER_AS_DECIMAL,
                FindingCode.NUMBER_AS_DECIMAL);
    }

    @Test
    void nullContactInfoIsAbsentWithFinding() {
        ParseOutcome.Parsed outcome = parsed(edit("\"tlsrpt@sender.example\"", "null"));

        assertThat(outcome.report().contactInfo()).isNull();
        assertThat(outcome.findings()).extracting(Finding::code, Finding::path)
                .containsExactly(tuple(FindingCode.NULL_VALUE, "$.contact-info"));
    }

    @Test
    void nullOptionalFailureDetailFieldIsAbsentWithFinding() {
        ParseOutcome.Parsed outcome = parsed(edit("\"receiving-ip\":\"198.51.100.7\"", "\"receiving-ip\":null"));

        assertThat(detail(outcome).receivingIp()).isNull();
        assertThat(outcome.findings()).extracting(Finding::code, Finding::path)
                .containsExactly(tuple(FindingCode.NULL_VALUE, DETAIL + ".receiving-ip"));
    }

    @Test
    void emptyMxHostArrayIsKeptEmptyWithFinding() {
        ParseOutcome.Parsed outcome = parsed(edit("\"mx-host\":[\"mx.example.com\"]", "\"mx-host\":[]"));

        assertThat(policy(outcome).mxHost()).isEmpty();
        assertThat(outcome.findings()).extracting(Finding::code, Finding::path)
                .containsExactly(tuple(FindingCode.EMPTY_ARRAY, "$.policies[0].policy.mx-host"));
    }

    @Test
    void emptyPolicyStringArrayIsKeptEmptyWithFinding() {
        ParseOutcome.Parsed outcome = parsed(edit(
                "[\"version: STSv1\",\"mode: enforce\",\"mx: mx.example.com\",\"max_age: 86400\"]", "[]"));

        assertThat(policy(outcome).policyString()).isEmpty();
        assertThat(outcome.findings()).extracting(Finding::code).containsExactly(FindingCode.EMPTY_ARRAY);
    }

    @Test
    void emptyFailureDetailsArrayIsLegitimate() {
        ParseOutcome.Parsed outcome = parsed(edit(
                "\"total-failure-session-count\":1}", "\"total-failure-session-count\":0}")
                .replaceAll("\"failure-details\":\\[.*\\]}]}", "\"failure-details\":[]}]}"));

        assertThat(outcome.report().policies().get(0).failureDetails()).isEmpty();
        assertThat(outcome.findings()).isEmpty();
    }

    @Test
    void emptyPoliciesArrayIsAcceptedWithFinding() {
        ParseOutcome.Parsed outcome = parsed(BASE.replaceAll("\"policies\":\\[.*\\]}$", "\"policies\":[]}"));

        assertThat(outcome.report().policies()).isEmpty();
        assertThat(outcome.findings()).extracting(Finding::code, Finding::path)
                .containsExactly(tuple(FindingCode.NO_POLICIES, "$.policies"));
    }

    @Test
    void jsonEncodedPolicyStringIsExpandedToItsInnerStrings() {
        ParseOutcome.Parsed outcome = parsed(edit(
                "[\"version: STSv1\",\"mode: enforce\",\"mx: mx.example.com\",\"max_age: 86400\"]",
                "[\"[\\\"2 1 1 abc\\\",\\\"3 1 1 def\\\"]\"]"));

        assertThat(policy(outcome).policyString()).containsExactly("2 1 1 abc", "3 1 1 def");
        assertThat(outcome.findings()).extracting(Finding::code, Finding::path).containsExactly(
                tuple(FindingCode.POLICY_STRING_JSON_ENCODED, "$.policies[0].policy.policy-string"));
    }

    @Test
    void policyStringThatOnlyLooksEncodedIsKeptAsGiven() {
        ParseOutcome.Parsed outcome = parsed(edit(
                "[\"version: STSv1\",\"mode: enforce\",\"mx: mx.example.com\",\"max_age: 86400\"]",
                "[\"[not json]\"]"));

        assertThat(policy(outcome).policyString()).containsExactly("[not json]");
        assertThat(outcome.findings()).isEmpty();
    }

    @Test
    void unknownResultTypeIsKeptLowerCasedWithFinding() {
        ParseOutcome.Parsed outcome = parsed(edit("\"certificate-expired\"", "\"Testing\""));

        assertThat(detail(outcome).resultType()).isEqualTo(ResultType.UNKNOWN);
        assertThat(detail(outcome).resultTypeName()).isEqualTo("testing");
        assertThat(outcome.findings()).extracting(Finding::code, Finding::path)
                .containsExactly(tuple(FindingCode.UNKNOWN_RESULT_TYPE, DETAIL + ".result-type"));
    }

    @Test
    void unknownPolicyTypeIsKeptLowerCasedWithFinding() {
        ParseOutcome.Parsed outcome = parsed(edit("\"policy-type\":\"sts\"", "\"policy-type\":\"Invalid-Policy-Type\""));

        assertThat(policy(outcome).policyType()).isEqualTo(PolicyType.UNKNOWN);
        assertThat(policy(outcome).policyTypeName()).isEqualTo("invalid-policy-type");
        assertThat(outcome.findings()).extracting(Finding::code).containsExactly(FindingCode.UNKNOWN_POLICY_TYPE);
    }

    @Test
    void knownTypesCompareWithoutCase() {
        ParseOutcome.Parsed outcome = parsed(edit(edit("\"policy-type\":\"sts\"", "\"policy-type\":\"STS\""),
                "\"certificate-expired\"", "\"Certificate-Expired\""));

        assertThat(policy(outcome).policyType()).isEqualTo(PolicyType.STS);
        assertThat(policy(outcome).policyTypeName()).isEqualTo("sts");
        assertThat(detail(outcome).resultType()).isEqualTo(ResultType.CERTIFICATE_EXPIRED);
        assertThat(outcome.findings()).isEmpty();
    }

    @Test
    void additionalInfoUriIsReadAsAdditionalInformation() {
        ParseOutcome.Parsed outcome = parsed(edit("\"failed-session-count\":1}",
                "\"failed-session-count\":1,\"additional-info-uri\":\"https://x.example/1\"}"));

        assertThat(detail(outcome).additionalInformation()).isEqualTo("https://x.example/1");
        assertThat(outcome.findings()).extracting(Finding::code, Finding::path)
                .containsExactly(tuple(FindingCode.NON_STANDARD_FIELD, DETAIL + ".additional-info-uri"));
    }

    @Test
    void failureErrorCodeIsReadAsFailureReasonCode() {
        ParseOutcome.Parsed outcome = parsed(edit("\"failed-session-count\":1}",
                "\"failed-session-count\":1,\"failure-error-code\":\"X509_V_ERR\"}"));

        assertThat(detail(outcome).failureReasonCode()).isEqualTo("X509_V_ERR");
        assertThat(outcome.findings()).extracting(Finding::code).containsExactly(FindingCode.NON_STANDARD_FIELD);
    }

    @Test
    void receivingMxHostNameIsReadAsReceivingMxHostname() {
        ParseOutcome.Parsed outcome = parsed(edit("\"receiving-mx-hostname\":\"mx.example.com\"",
                "\"receiving-mx-host-name\":\"MX.example.com\""));

        assertThat(detail(outcome).receivingMxHostname()).isEqualTo("mx.example.com");
        assertThat(outcome.findings()).extracting(Finding::code, Finding::path)
                .containsExactly(tuple(FindingCode.NON_STANDARD_FIELD, DETAIL + ".receiving-mx-host-name"));
    }

    @Test
    void missingPolicyDomainIsTakenFromTheEnvelopeWhenItNamesOne() {
        Envelope envelope = new Envelope("Example.COM.", null, null, null, null, null, null, null, null, null, false);
        byte[] json = edit("\"policy-domain\":\"example.com\",", "").getBytes(StandardCharsets.UTF_8);

        ParseOutcome.Parsed outcome = parsed(parse(json, envelope));

        assertThat(policy(outcome).policyDomain()).isEqualTo("example.com");
        assertThat(outcome.findings()).extracting(Finding::code, Finding::path).containsExactly(
                tuple(FindingCode.POLICY_DOMAIN_FROM_ENVELOPE, "$.policies[0].policy.policy-domain"));
    }

    @Test
    void missingPolicyDomainWithoutEnvelopeStaysMissingWithFinding() {
        ParseOutcome.Parsed outcome = parsed(edit("\"policy-domain\":\"example.com\",", ""));

        assertThat(policy(outcome).policyDomain()).isNull();
        assertThat(outcome.findings()).extracting(Finding::code).containsExactly(FindingCode.POLICY_DOMAIN_MISSING);
    }

    @Test
    void failureDetailsNotAddingUpToTheSummaryKeepBothNumbers() {
        ParseOutcome.Parsed outcome = parsed(edit("\"failed-session-count\":1}", "\"failed-session-count\":3}"));

        assertThat(outcome.report().policies().get(0).summary().totalFailureSessionCount()).isEqualTo(1);
        assertThat(detail(outcome).failedSessionCount()).isEqualTo(3);
        assertThat(outcome.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.code()).isEqualTo(FindingCode.FAILURE_DETAILS_SUM_MISMATCH);
            assertThat(finding.message()).contains("3").contains("1");
        });
    }

    @Test
    void summaryWithoutFailureCountReadsZeroWithFinding() {
        ParseOutcome.Parsed outcome = parsed(edit(",\"total-failure-session-count\":1", "")
                .replaceAll("\"failure-details\":\\[.*\\]}]}", "\"failure-details\":[]}]}"));

        assertThat(outcome.report().policies().get(0).summary().totalFailureSessionCount()).isZero();
        assertThat(outcome.findings()).extracting(Finding::code, Finding::path).containsExactly(
                tuple(FindingCode.SUMMARY_COUNT_MISSING, "$.policies[0].summary.total-failure-session-count"));
    }

    @Test
    void summaryWithoutSuccessfulCountReadsZeroWithFinding() {
        ParseOutcome.Parsed outcome = parsed(edit("\"total-successful-session-count\":10,", ""));

        assertThat(outcome.report().policies().get(0).summary().totalSuccessfulSessionCount()).isZero();
        assertThat(outcome.findings()).extracting(Finding::code).containsExactly(FindingCode.SUMMARY_COUNT_MISSING);
    }

    @Test
    void emptyOptionalStringsAreAbsentWithFinding() {
        ParseOutcome.Parsed outcome = parsed(edit("\"sending-mta-ip\":\"192.0.2.1\"", "\"sending-mta-ip\":\"\""));

        assertThat(detail(outcome).sendingMtaIp()).isNull();
        assertThat(outcome.findings()).extracting(Finding::code, Finding::path)
                .containsExactly(tuple(FindingCode.EMPTY_VALUE, DETAIL + ".sending-mta-ip"));
    }

    @Test
    void invalidIpAddressIsKeptAsGivenWithFinding() {
        ParseOutcome.Parsed outcome = parsed(edit("\"192.0.2.1\"", "\"x.x.x.x\""));

        assertThat(detail(outcome).sendingMtaIp()).isEqualTo("x.x.x.x");
        assertThat(outcome.findings()).extracting(Finding::code, Finding::path)
                .containsExactly(tuple(FindingCode.INVALID_IP_ADDRESS, DETAIL + ".sending-mta-ip"));
    }

    @Test
    void ipAddressesAreWrittenCanonically() {
        ParseOutcome.Parsed outcome = parsed(edit("\"198.51.100.7\"", "\"2001:0DB8:0000:0000:0000:0000:0000:0001\""));

        assertThat(detail(outcome).receivingIp()).isEqualTo("2001:db8::1");
        assertThat(outcome.findings()).isEmpty();
    }

    @Test
    void invalidHostnameIsKeptLowerCasedWithFinding() {
        ParseOutcome.Parsed outcome = parsed(edit("\"mx-host\":[\"mx.example.com\"]", "\"mx-host\":[\"MX: Mx.Example.com\"]"));

        assertThat(policy(outcome).mxHost()).containsExactly("mx: mx.example.com");
        assertThat(outcome.findings()).extracting(Finding::code, Finding::path)
                .containsExactly(tuple(FindingCode.INVALID_DOMAIN, "$.policies[0].policy.mx-host[0]"));
    }

    @Test
    void internationalisedDomainsBecomeALabels() {
        ParseOutcome.Parsed outcome = parsed(edit("\"policy-domain\":\"example.com\"", "\"policy-domain\":\"Bücher.example.\""));

        assertThat(policy(outcome).policyDomain()).isEqualTo("xn--bcher-kva.example");
        assertThat(outcome.findings()).isEmpty();
    }

    @Test
    void duplicateKeysKeepTheLastValueWithFinding() {
        ParseOutcome.Parsed outcome = parsed(edit("\"report-id\":\"r-1\"", "\"report-id\":\"r-0\",\"report-id\":\"r-1\""));

        assertThat(outcome.report().reportId()).isEqualTo("r-1");
        assertThat(outcome.findings()).extracting(Finding::code, Finding::path)
                .containsExactly(tuple(FindingCode.DUPLICATE_FIELD, "$.report-id"));
    }

    @Test
    void unknownFieldsAreSkippedWithFinding() {
        ParseOutcome.Parsed outcome = parsed(edit("\"report-id\":\"r-1\"",
                "\"report-id\":\"r-1\",\"x-vendor\":{\"nested\":[1,{\"deep\":true}]}"));

        assertThat(outcome.report().reportId()).isEqualTo("r-1");
        assertThat(outcome.findings()).extracting(Finding::code, Finding::path)
                .containsExactly(tuple(FindingCode.UNKNOWN_FIELD, "$.x-vendor"));
    }

    @Test
    void keysInAnyOrderGiveTheSameReport() {
        String reordered = """
                {"policies":[{"failure-details":[{"failed-session-count":1,"receiving-ip":"198.51.100.7",\
                "receiving-mx-hostname":"mx.example.com","sending-mta-ip":"192.0.2.1","result-type":"certificate-expired"}],\
                "summary":{"total-failure-session-count":1,"total-successful-session-count":10},\
                "policy":{"mx-host":["mx.example.com"],"policy-domain":"example.com",\
                "policy-string":["version: STSv1","mode: enforce","mx: mx.example.com","max_age: 86400"],\
                "policy-type":"sts"}}],"report-id":"r-1","contact-info":"tlsrpt@sender.example",\
                "date-range":{"end-datetime":"2026-03-14T23:59:59Z","start-datetime":"2026-03-14T00:00:00Z"},\
                "organization-name":"Sender Inc."}""";

        ParseOutcome.Parsed outcome = parsed(reordered);

        assertThat(outcome.report()).isEqualTo(parsed(BASE).report());
        assertThat(outcome.findings()).isEmpty();
    }

    @Test
    void stringsAreTrimmedAndIdentityFieldsKeptAsGiven() {
        ParseOutcome.Parsed outcome = parsed(edit("\"Sender Inc.\"", "\"  Sender INC. \""));

        assertThat(outcome.report().organizationName()).isEqualTo("Sender INC.");
    }

    @Test
    void bodyDisagreeingWithTheEnvelopeWinsWithFindings() {
        Envelope envelope = new Envelope("other.example", null, "example.com", null, "<r-2>", null,
                new ReportFileName("sender.example", "example.com", Instant.parse("2026-03-13T00:00:00Z"),
                        Instant.parse("2026-03-14T23:59:59Z"), null), null, null, null, false);

        ParseOutcome.Parsed outcome = parsed(parse(BASE.getBytes(StandardCharsets.UTF_8), envelope));

        TlsReport report = outcome.report();
        assertThat(report.reportId()).isEqualTo("r-1");
        assertThat(report.policies().get(0).policy().policyDomain()).isEqualTo("example.com");
        assertThat(outcome.findings()).extracting(Finding::code, Finding::path).containsExactlyInAnyOrder(
                tuple(FindingCode.ENVELOPE_MISMATCH, "$.policies[0].policy.policy-domain"),
                tuple(FindingCode.ENVELOPE_MISMATCH, "$.report-id"),
                tuple(FindingCode.ENVELOPE_MISMATCH, "$.date-range.start-datetime"));
    }

    @Test
    void envelopeAgreeingAfterNormalisationGivesNoFinding() {
        Envelope envelope = new Envelope("EXAMPLE.com.", null, "Example.Com", null, " r-1 ", null,
                ReportFileName.parse("sender.example!example.com!1773446400!1773532799.json.gz").orElseThrow(),
                null, null, null, false);

        ParseOutcome.Parsed outcome = parsed(parse(BASE.getBytes(StandardCharsets.UTF_8), envelope));

        assertThat(outcome.findings()).isEmpty();
    }
}
