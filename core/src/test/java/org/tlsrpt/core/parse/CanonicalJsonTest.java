package org.tlsrpt.core.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tlsrpt.core.parse.ParserFixtures.parse;
import static org.tlsrpt.core.parse.ParserFixtures.parsed;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.tlsrpt.core.decode.Envelope;
import org.tlsrpt.core.model.DateRange;
import org.tlsrpt.core.model.FailureDetail;
import org.tlsrpt.core.model.Policy;
import org.tlsrpt.core.model.PolicyResult;
import org.tlsrpt.core.model.PolicyType;
import org.tlsrpt.core.model.ResultType;
import org.tlsrpt.core.model.Summary;
import org.tlsrpt.core.model.TlsReport;
import org.tlsrpt.core.problem.Finding;
import org.tlsrpt.core.problem.FindingCode;

class CanonicalJsonTest {

    @Test
    void writesRfcFieldsInRfcOrderWithUtcDateTimes() {
        TlsReport report = new TlsReport("Sender Inc.",
                new DateRange(Instant.parse("2026-03-14T00:00:00Z"), Instant.parse("2026-03-14T23:59:59.5Z")), null,
                "r-1", List.of(new PolicyResult(
                        new Policy(PolicyType.STS, "sts", List.of("version: STSv1"), "example.com", List.of()),
                        new Summary(10, 1),
                        List.of(new FailureDetail(ResultType.UNKNOWN, "testing", "192.0.2.1", null, null, null, 1,
                                null, "X")))));

        String json = new String(CanonicalJson.toBytes(report), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"organization-name\":\"Sender Inc.\",\"date-range\":{"
                + "\"start-datetime\":\"2026-03-14T00:00:00Z\",\"end-datetime\":\"2026-03-14T23:59:59.5Z\"},"
                + "\"report-id\":\"r-1\",\"policies\":[{\"policy\":{\"policy-type\":\"sts\","
                + "\"policy-string\":[\"version: STSv1\"],\"policy-domain\":\"example.com\"},"
                + "\"summary\":{\"total-successful-session-count\":10,\"total-failure-session-count\":1},"
                + "\"failure-details\":[{\"result-type\":\"testing\",\"sending-mta-ip\":\"192.0.2.1\","
                + "\"failed-session-count\":1,\"failure-reason-code\":\"X\"}]}]}");
    }

    @Test
    void unknownTypesSurviveTheRoundTrip() {
        ParseOutcome.Parsed first = parsed(ParserFixtures.edit(ParserFixtures.edit("\"policy-type\":\"sts\"",
                "\"policy-type\":\"dane-sts\""), "\"certificate-expired\"", "\"Testing\""));

        ParseOutcome.Parsed again = parsed(parse(CanonicalJson.toBytes(first.report()), Envelope.NONE));

        assertThat(again.report()).isEqualTo(first.report());
        assertThat(again.report().policies().get(0).policy().policyTypeName()).isEqualTo("dane-sts");
    }

    @Test
    void loneSurrogatesFromJsonEscapesSurviveTheRoundTrip() {
        ParseOutcome.Parsed first = parsed(ParserFixtures.edit("\"Sender Inc.\"", "\"Sender \\ud800 Inc.\""));

        ParseOutcome.Parsed again = parsed(parse(CanonicalJson.toBytes(first.report()), Envelope.NONE));

        assertThat(again.report()).isEqualTo(first.report());
    }

    @Property(tries = 300)
    void canonicalFormParsesBackToAnEqualReportWithoutFindings(@ForAll("reports") TlsReport report) {
        ParseOutcome.Parsed outcome = parsed(parse(CanonicalJson.toBytes(report), Envelope.NONE));

        assertThat(outcome.report()).isEqualTo(report);
        assertThat(outcome.findings()).isEmpty();
    }

    @Property(tries = 200)
    void canonicalFormIsAFixedPoint(@ForAll("reports") TlsReport report) {
        byte[] once = CanonicalJson.toBytes(report);

        byte[] twice = CanonicalJson.toBytes(parsed(parse(once, Envelope.NONE)).report());

        assertThat(twice).isEqualTo(once);
    }

    /** The processor hashes the canonical bytes a record carries instead of writing the report again. */
    @Property(tries = 200)
    void aRecordsContentHashIsTheHashOfItsReportsCanonicalForm(@ForAll("reports") TlsReport report) {
        org.tlsrpt.core.message.Receipt receipt = new org.tlsrpt.core.message.Receipt("http",
                java.time.Instant.parse("2026-11-28T10:15:30Z"), "198.51.100.7", java.util.Map.of(), "body",
                "0f".repeat(32), "application/tlsrpt+json", Envelope.NONE, "none", null, false);
        byte[] value = org.tlsrpt.core.message.RecordCodec.encode(new org.tlsrpt.core.message.ReportRecord(
                report.key().value(), report, java.util.List.of(), receipt), new byte[] {1, 2, 3});

        var decoded = org.tlsrpt.core.message.RecordCodec.decodeReport(value);

        assertThat(decoded.contentSha256()).isEqualTo(CanonicalJson.contentSha256(decoded.record().report()))
                .isEqualTo(CanonicalJson.contentSha256(report));
    }

    /** Empty mx-host and policy-string lists are left out, so the canonical form reads back without findings. */
    @Property(tries = 200)
    void emptyListsAreLeftOutAndRoundTripWithoutFindings(@ForAll("reportsWithEmptyLists") TlsReport report) {
        byte[] canonical = CanonicalJson.toBytes(report);
        ParseOutcome.Parsed outcome = parsed(parse(canonical, Envelope.NONE));

        assertThat(outcome.report()).isEqualTo(report);
        assertThat(outcome.findings()).isEmpty();
        assertThat(new String(canonical, StandardCharsets.UTF_8))
                .doesNotContain("\"mx-host\":[]").doesNotContain("\"policy-string\":[]");
    }

    @Provide
    Arbitrary<TlsReport> reports() {
        return ReportArbitraries.report();
    }

    @Provide
    Arbitrary<TlsReport> reportsWithEmptyLists() {
        return ReportArbitraries.report(true);
    }
}
