package org.tlsrpt.core.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tlsrpt.core.parse.ParserFixtures.BASE;
import static org.tlsrpt.core.parse.ParserFixtures.edit;
import static org.tlsrpt.core.parse.ParserFixtures.parse;
import static org.tlsrpt.core.parse.ParserFixtures.refused;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.decode.Envelope;
import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.core.problem.RefusalCode;

/** One test per refusal: the code, where, and a message a person can read. */
class ReportParserRefusalsTest {

    private static Limits limits(int maxPolicies, int maxFailureDetails, int maxDepth, int maxString) {
        Limits d = Limits.DEFAULTS;
        return new Limits(d.maxMessageBytes(), d.maxDecompressedBytes(), d.maxCompressionRatio(), d.ratioGraceBytes(),
                maxDepth, maxString, maxPolicies, maxFailureDetails, d.maxSessionCount(), d.maxMimeParts(),
                d.maxMimeDepth(), d.maxArchiveEntries(), d.maxInputDecompressedBytes());
    }

    private static void assertRefused(Refusal refusal, RefusalCode code, String path) {
        assertThat(refusal.code()).isEqualTo(code);
        assertThat(refusal.path()).isEqualTo(path);
        assertThat(refusal.message()).isNotBlank().hasSizeLessThan(200).doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void textThatIsNotJsonIsRefused() {
        assertRefused(refused("this is not a report"), RefusalCode.NOT_JSON, "$");
    }

    @Test
    void emptyInputIsRefusedAsNotJson() {
        assertRefused(refused(""), RefusalCode.NOT_JSON, "$");
    }

    @Test
    void jsonArrayIsRefusedAsNotAnObject() {
        assertRefused(refused("[" + BASE + "]"), RefusalCode.NOT_AN_OBJECT, "$");
    }

    @Test
    void truncatedJsonIsRefusedAsEndingEarly() {
        Refusal refusal = refused(BASE.substring(0, BASE.indexOf("\"failed-session-count\"")));

        assertThat(refusal.code()).isEqualTo(RefusalCode.NOT_JSON);
        assertThat(refusal.message()).startsWith("JSON ends early");
        assertThat(refusal.path()).startsWith("$.policies[0].failure-details[0]");
    }

    @Test
    void trailingGarbageAfterTheReportIsRefused() {
        assertThat(refused(BASE + " x").code()).isEqualTo(RefusalCode.NOT_JSON);
        assertThat(refused(BASE + "{}").code()).isEqualTo(RefusalCode.NOT_JSON);
    }

    @Test
    void trailingWhitespaceAfterTheReportIsFine() {
        assertThat(parse(BASE + "\r\n \t\n")).isInstanceOf(ParseOutcome.Parsed.class);
    }

    @Test
    void invalidUtf8IsRefusedAsSuch() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String[] halves = BASE.split("Sender Inc\\.");
        bytes.writeBytes(halves[0].getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {'S', (byte) 0xC3, (byte) 0x28, 'x'});
        bytes.writeBytes(halves[1].getBytes(StandardCharsets.UTF_8));

        Refusal refusal = refused(parse(bytes.toByteArray(), Envelope.NONE));

        assertThat(refusal.code()).isEqualTo(RefusalCode.INVALID_UTF8);
        assertThat(refusal.message()).startsWith("not valid UTF-8 at line 1");
    }

    @Test
    void missingOrganizationNameIsRefused() {
        assertRefused(refused(edit("\"organization-name\":\"Sender Inc.\",", "")), RefusalCode.MISSING_FIELD,
                "$.organization-name");
    }

    @Test
    void organizationNameThatIsNotAStringIsRefused() {
        assertRefused(refused(edit("\"Sender Inc.\"", "42")), RefusalCode.WRONG_TYPE, "$.organization-name");
    }

    @Test
    void missingReportIdIsRefused() {
        assertRefused(refused(edit("\"report-id\":\"r-1\",", "")), RefusalCode.MISSING_FIELD, "$.report-id");
    }

    @Test
    void reportIdThatIsNotAStringIsRefused() {
        assertRefused(refused(edit("\"r-1\"", "[\"r-1\"]")), RefusalCode.WRONG_TYPE, "$.report-id");
    }

    @Test
    void missingDateRangeIsRefused() {
        String json = BASE.replaceAll("\"date-range\":\\{[^}]*},", "");

        assertRefused(refused(json), RefusalCode.DATE_RANGE_MISSING, "$.date-range");
    }

    @Test
    void dateRangeWithoutEndIsRefused() {
        assertRefused(refused(edit(",\"end-datetime\":\"2026-03-14T23:59:59Z\"", "")), RefusalCode.DATE_RANGE_MISSING,
                "$.date-range.end-datetime");
    }

    @Test
    void unreadableDateTimeIsRefused() {
        Refusal refusal = refused(edit("\"2026-03-14T00:00:00Z\"", "\"April fools\""));

        assertRefused(refusal, RefusalCode.DATE_RANGE_INVALID, "$.date-range.start-datetime");
        assertThat(refusal.message()).contains("April fools");
    }

    @Test
    void dateRangeEndingBeforeItStartsIsRefused() {
        assertRefused(refused(edit("\"2026-03-14T23:59:59Z\"", "\"2026-03-13T23:59:59Z\"")),
                RefusalCode.DATE_RANGE_INVALID, "$.date-range");
    }

    @Test
    void missingPoliciesIsRefused() {
        String json = BASE.replaceAll(",\"policies\":\\[.*\\]}$", "}");

        assertRefused(refused(json), RefusalCode.POLICIES_NOT_ARRAY, "$.policies");
    }

    @Test
    void policiesThatIsNotAnArrayIsRefused() {
        String json = BASE.replaceAll("\"policies\":\\[(.*)\\]}$", "\"policies\":$1}");

        assertRefused(refused(json), RefusalCode.POLICIES_NOT_ARRAY, "$.policies");
    }

    @Test
    void policyEntryWithoutPolicyObjectIsRefused() {
        String json = BASE.replaceAll("\"policy\":\\{[^}]*},", "");

        assertRefused(refused(json), RefusalCode.MISSING_FIELD, "$.policies[0].policy");
    }

    @Test
    void policyWithoutPolicyTypeIsRefused() {
        assertRefused(refused(edit("\"policy-type\":\"sts\",", "")), RefusalCode.MISSING_FIELD,
                "$.policies[0].policy.policy-type");
    }

    @Test
    void missingSummaryIsRefused() {
        String json = BASE.replaceAll("\"summary\":\\{[^}]*},", "");

        assertRefused(refused(json), RefusalCode.MISSING_FIELD, "$.policies[0].summary");
    }

    @Test
    void negativeCountIsRefused() {
        assertRefused(refused(edit("\"total-successful-session-count\":10", "\"total-successful-session-count\":-10")),
                RefusalCode.INVALID_COUNT, "$.policies[0].summary.total-successful-session-count");
    }

    @Test
    void fractionalCountIsRefused() {
        Refusal refusal = refused(edit("\"failed-session-count\":1", "\"failed-session-count\":12.5"));

        assertRefused(refusal, RefusalCode.INVALID_COUNT, "$.policies[0].failure-details[0].failed-session-count");
        assertThat(refusal.message()).contains("12.5");
    }

    @Test
    void absurdCountIsRefused() {
        assertThat(refused(edit("\"failed-session-count\":1", "\"failed-session-count\":1000000000001")).code())
                .isEqualTo(RefusalCode.INVALID_COUNT);
        assertThat(refused(edit("\"failed-session-count\":1", "\"failed-session-count\":99999999999999999999")).code())
                .isEqualTo(RefusalCode.INVALID_COUNT);
        assertThat(refused(edit("\"failed-session-count\":1", "\"failed-session-count\":1e300")).code())
                .isEqualTo(RefusalCode.INVALID_COUNT);
    }

    @Test
    void booleanOrObjectWhereACountGoesIsRefused() {
        assertThat(refused(edit("\"failed-session-count\":1", "\"failed-session-count\":true")).code())
                .isEqualTo(RefusalCode.INVALID_COUNT);
        assertThat(refused(edit("\"failed-session-count\":1", "\"failed-session-count\":{\"n\":1}")).code())
                .isEqualTo(RefusalCode.INVALID_COUNT);
        assertThat(refused(edit("\"failed-session-count\":1", "\"failed-session-count\":\"many\"")).code())
                .isEqualTo(RefusalCode.INVALID_COUNT);
    }

    @Test
    void wrongTypeForAnotherFieldIsRefused() {
        assertRefused(refused(edit("\"198.51.100.7\"", "{\"ip\":\"198.51.100.7\"}")), RefusalCode.WRONG_TYPE,
                "$.policies[0].failure-details[0].receiving-ip");
    }

    @Test
    void tooManyPoliciesAreRefusedWhileStreaming() {
        ReportParser parser = new ReportParser(limits(1, 10, 32, 1000));
        String policy = BASE.substring(BASE.indexOf("[{\"policy\"") + 1, BASE.length() - 2);
        String json = edit("[" + policy + "]", "[" + policy + "," + policy + ",garbage that is never read");
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        Refusal refusal = refused(parser.parse(bytes, 0, bytes.length, Envelope.NONE));

        assertRefused(refusal, RefusalCode.TOO_MANY_POLICIES, "$.policies[1]");
    }

    @Test
    void tooManyFailureDetailsAreRefusedWhileStreaming() {
        ReportParser parser = new ReportParser(limits(10, 1, 32, 1000));
        String json = edit("\"failed-session-count\":1}]", "\"failed-session-count\":1},{},not even JSON");
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);

        Refusal refusal = refused(parser.parse(bytes, 0, bytes.length, Envelope.NONE));

        assertRefused(refusal, RefusalCode.TOO_MANY_FAILURE_DETAILS, "$.policies[0].failure-details[1]");
    }

    @Test
    void jsonNestedTooDeeplyIsRefused() {
        String deep = "[".repeat(40) + "]".repeat(40);

        Refusal refusal = refused(edit("\"report-id\":\"r-1\"", "\"report-id\":\"r-1\",\"x\":" + deep));

        assertThat(refusal.code()).isEqualTo(RefusalCode.NESTING_TOO_DEEP);
        assertThat(refusal.message()).contains("32");
    }

    @Test
    void stringLongerThanTheLimitIsRefused() {
        ReportParser parser = new ReportParser(limits(10, 10, 32, 100));
        byte[] bytes = edit("\"r-1\"", "\"" + "r".repeat(5000) + "\"").getBytes(StandardCharsets.UTF_8);

        Refusal refusal = refused(parser.parse(bytes, 0, bytes.length, Envelope.NONE));

        assertThat(refusal.code()).isEqualTo(RefusalCode.VALUE_TOO_LONG);
    }

    @Test
    void parsingASliceIgnoresTheBytesAround() {
        byte[] body = BASE.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[body.length + 20];
        java.util.Arrays.fill(padded, (byte) '#');
        System.arraycopy(body, 0, padded, 10, body.length);

        assertThat(ParserFixtures.PARSER.parse(padded, 10, body.length, null)).isInstanceOf(ParseOutcome.Parsed.class);
    }
}
