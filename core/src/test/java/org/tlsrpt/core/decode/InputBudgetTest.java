package org.tlsrpt.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.tlsrpt.core.decode.Samples.REPORT;
import static org.tlsrpt.core.decode.Samples.gzip;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.ReadReport;
import org.tlsrpt.core.ReadResult;
import org.tlsrpt.core.ReportReader;
import org.tlsrpt.core.problem.Finding;
import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.core.problem.RefusalCode;
import org.tlsrpt.core.testing.Bombs;

/** The budget of decompressed bytes per input, all its parts together ({@link Limits#maxInputDecompressedBytes()}). */
class InputBudgetTest {

    private static final int MIB = 1024 * 1024;

    @Test
    void theDefaultBudgetIsWellUnderTheSmallestSupportedHeapAndAboveOneReportAtItsLimit() {
        assertThat(Limits.DEFAULTS.maxInputDecompressedBytes()).isEqualTo(64L * MIB)
                .isGreaterThanOrEqualTo(Limits.DEFAULTS.maxDecompressedBytes())
                .isLessThanOrEqualTo(256L * MIB / 4);
    }

    @Test
    void theIssuesZipOfThirtyTwoEntriesOfFortyMebibytesStopsAfterTheFirstEntry() {
        // Each entry passes the per-entry limits (50 MiB, ratio 300); kept together they were 1.3 GB.
        byte[] archive = Bombs.zipOfCompressibleEntries(32, 40);
        assertThat(archive.length).isLessThan(9 * MIB);
        Counting counting = new Counting();

        DecodeOutcome<Integer> outcome = new ReportDecoder(Limits.DEFAULTS).decode(archive, "application/zip", null,
                counting);

        assertThat(outcome.handled()).containsExactly(40 * MIB + Bombs.JSON_START.length);
        assertThat(outcome.decompressedBytes()).isLessThanOrEqualTo(Limits.DEFAULTS.maxInputDecompressedBytes());
        assertThat(outcome.refusals()).extracting(Refusal::code, Refusal::path)
                .containsExactly(tuple(RefusalCode.INPUT_BUDGET_EXCEEDED, "zip:part-1.json"));
        assertThat(outcome.refusals().get(0).message()).contains(Long.toString(64L * MIB))
                .contains("the parts after it were not read");
    }

    @Test
    void reportsReadBeforeTheBudgetRanOutAreKeptAndThePartsAfterItAreNotRead() {
        Limits limits = Limits.DEFAULTS.withMaxInputDecompressedBytes(8L * MIB);
        byte[] mail = mail(gzip(report("first.example")), gzip(report("second.example")),
                Bombs.gzipOfCompressibleText(10), gzip(report("after.example")));

        ReadResult read = new ReportReader(limits).read(mail, null, null);

        assertThat(read.reports()).extracting(ReadReport::location).containsExactly("mime:1", "mime:2");
        assertThat(read.refusals()).extracting(Refusal::code, Refusal::path)
                .containsExactly(tuple(RefusalCode.INPUT_BUDGET_EXCEEDED, "mime:3"));
    }

    @Test
    void aSingleReportLargerThanTheBudgetButWithinItsOwnLimitIsRefusedAsOverTheBudget() {
        Limits limits = Limits.DEFAULTS.withMaxInputDecompressedBytes(MIB);

        DecodeResult result = new ReportDecoder(limits).decode(Bombs.gzipOfCompressibleText(2), null, null);

        assertThat(result.refusals()).extracting(Refusal::code).containsExactly(RefusalCode.INPUT_BUDGET_EXCEEDED);
        assertThat(result.refusals().get(0).code().isSizeLimit()).as("413 / 552 when nothing else was read").isTrue();
    }

    @Test
    void aReportOverItsOwnLimitWithBudgetToSpareIsStillRefusedAsDecompressedTooLarge() {
        Limits limits = ReportDecoderTest.limits(20L * MIB, MIB, 300, MIB, 100, 8, 32);

        DecodeResult result = new ReportDecoder(limits).decode(Bombs.gzipOfCompressibleText(2), null, null);

        assertThat(result.refusals()).extracting(Refusal::code).containsExactly(RefusalCode.DECOMPRESSED_TOO_LARGE);
    }

    @Test
    void theBudgetIsPerInputSoTheNextInputStartsAfresh() {
        Limits limits = Limits.DEFAULTS.withMaxInputDecompressedBytes(3L * MIB);
        ReportDecoder decoder = new ReportDecoder(limits);
        byte[] twoMebibytes = Bombs.gzipOfCompressibleText(2);

        decoder.decode(twoMebibytes, null, null);
        DecodeResult second = decoder.decode(twoMebibytes, null, null);

        assertThat(second.reports()).hasSize(1);
        assertThat(second.refusals()).isEmpty();
    }

    @Test
    void containerFindingsLearntAfterAPartWasParsedStillReachItsReport() {
        String mail = "From: r@example.com\r\nSubject: Report Domain: company-y.example\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=tlsrpt; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: application/tlsrpt+gzip\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(gzip(REPORT)) + "\r\n"; // no closing boundary

        ReadResult read = new ReportReader(Limits.DEFAULTS).read(mail.getBytes(StandardCharsets.US_ASCII), null,
                null);

        assertThat(read.reports()).singleElement().satisfies(report -> assertThat(report.findings())
                .extracting(finding -> finding.code().code()).contains("missing-closing-boundary"));
    }

    /** Keeps only the size of each report, as a reader that parses and drops the bytes does. */
    private static final class Counting implements ReportHandler<Integer> {
        @Override
        public Integer handle(DecodedReport report) {
            return report.length();
        }

        @Override
        public Integer withFinding(Integer handled, Finding finding) {
            return handled;
        }
    }

    private static byte[] report(String domain) {
        return Samples.REPORT_JSON.replace("company-y.example", domain).getBytes(StandardCharsets.US_ASCII);
    }

    /** A multipart/report mail with one base64 attachment per gzip, numbered mime:1, mime:2, ... */
    private static byte[] mail(byte[]... gzips) {
        StringBuilder mail = new StringBuilder("From: r@example.com\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=tlsrpt; boundary=\"b\"\r\n\r\n");
        for (byte[] gzip : gzips) {
            mail.append("--b\r\nContent-Type: application/tlsrpt+gzip\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                    .append(Base64.getMimeEncoder().encodeToString(gzip)).append("\r\n");
        }
        return mail.append("--b--\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }
}
