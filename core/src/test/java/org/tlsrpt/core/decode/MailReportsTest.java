package org.tlsrpt.core.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.tlsrpt.core.decode.Samples.REPORT;
import static org.tlsrpt.core.decode.Samples.ascii;
import static org.tlsrpt.core.decode.Samples.gzip;
import static org.tlsrpt.core.decode.Samples.json;
import static org.tlsrpt.core.decode.Samples.mail;

import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.problem.Finding;
import org.tlsrpt.core.problem.FindingCode;
import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.core.problem.RefusalCode;

class MailReportsTest {

    private final ReportDecoder decoder = new ReportDecoder(Limits.DEFAULTS);

    private DecodedReport onlyReport(String fixture) {
        DecodeResult result = decoder.decode(mail(fixture), "message/rfc822", null);
        assertThat(result.refusals()).isEmpty();
        assertThat(result.reports()).hasSize(1);
        return result.reports().get(0);
    }

    @Test
    void googleMultipartReportGivesTheGzipAttachmentAndSkipsTheTextPart() {
        DecodedReport report = onlyReport("google-multipart-report.eml");

        assertThat(report.location()).isEqualTo("mime:2");
        assertThat(json(report)).startsWith("{\"organization-name\":\"Google Inc.\"");
        assertThat(report.findings()).isEmpty();
        Envelope envelope = report.envelope();
        assertThat(envelope.tlsReportDomain()).isEqualTo("example.net");
        assertThat(envelope.tlsReportSubmitter()).isEqualTo("google.com");
        assertThat(envelope.subjectReportDomain()).isEqualTo("example.net");
        assertThat(envelope.subjectSubmitter()).isEqualTo("google.com");
        assertThat(envelope.subjectReportId()).isEqualTo("2024.09.15T00:00:00Z+example.net@google.com");
        assertThat(envelope.messageId()).isEqualTo("66e813b9.050a0220.395bc2.4615tls@google.com");
        assertThat(envelope.from()).isEqualTo("noreply-smtp-tls-reporting@google.com");
        assertThat(envelope.date()).isEqualTo(Instant.parse("2024-09-16T11:17:13Z"));
        assertThat(envelope.dkimSignaturePresent()).isTrue();
        assertThat(envelope.fileName()).isEqualTo("google.com!example.net!1726358400!1726444799!001.json.gz");
        assertThat(envelope.reportFileName().uniqueId()).isEqualTo("001");
    }

    @Test
    void microsoftReportWithHtmlPartTakesItsFileNameFromContentDescription() {
        DecodedReport report = onlyReport("microsoft-html-part.eml");

        assertThat(json(report)).contains("Microsoft Corporation");
        assertThat(report.envelope().fileName())
                .isEqualTo("microsoft.com!example.org!1726185600!1726271999!133708152202987951.json.gz");
        assertThat(report.envelope().subjectReportId()).isEqualTo("133708152202987951+example.org");
        assertThat(report.envelope().from()).isEqualTo("tlsrpt-noreply@microsoft.com");
    }

    @Test
    void mailRuMessageWithoutClosingBoundaryIsReadWithAFinding() {
        DecodedReport report = onlyReport("mailru-no-closing-boundary.eml");

        assertThat(json(report)).contains("Mail.ru");
        assertThat(report.findings()).extracting(Finding::code, Finding::path)
                .containsExactly(tuple(FindingCode.MISSING_CLOSING_BOUNDARY, "mime"));
        assertThat(report.envelope().subjectReportDomain()).isEqualTo("example.com");
        assertThat(report.envelope().subjectReportId()).isEqualTo("c96d67df-0440-57f7-6e96-c83824d0fdf2@mail.ru");
    }

    @Test
    void uncompressedJsonAttachmentWithoutTransferEncodingIsRead() {
        DecodedReport report = onlyReport("uncompressed-json-attachment.eml");

        assertThat(json(report).trim()).startsWith("{").endsWith("}").contains("Company-X");
        assertThat(report.findings()).isEmpty();
        assertThat(report.envelope().subjectReportId()).isEqualTo("735ff.e317+bf22029@example.net");
        assertThat(report.envelope().subjectSubmitter()).isEqualTo("mail.sender.example.com");
        // the RFC 8460 example's date is not RFC 5322 (and names the wrong weekday)
        assertThat(report.envelope().date()).isEqualTo(Instant.parse("2017-05-10T00:54:30Z"));
        assertThat(report.envelope().reportFileName().policyDomain()).isEqualTo("example.com");
    }

    @Test
    void forwardedReportIsReadWithTheForwardedMessagesEnvelope() {
        DecodedReport report = onlyReport("forwarded-rfc822.eml");

        assertThat(report.location()).isEqualTo("mime:2.2");
        assertThat(report.envelope().tlsReportDomain()).isEqualTo("example.net");
        assertThat(report.envelope().messageId()).isEqualTo("66e813b9.050a0220.395bc2.4615tls@google.com");
        assertThat(report.envelope().from()).isEqualTo("noreply-smtp-tls-reporting@google.com");
    }

    @Test
    void forwardedMessageSentBase64EncodedIsDecodedFirst() {
        String inner = new String(mail("google-multipart-report.eml"), java.nio.charset.StandardCharsets.US_ASCII);
        String message = "From: postmaster@example.net\nSubject: Fwd: report\n"
                + "Content-Type: multipart/mixed; boundary=f\n\n--f\nContent-Type: message/rfc822\n"
                + "Content-Transfer-Encoding: base64\n\n"
                + Base64.getMimeEncoder().encodeToString(ascii(inner)) + "\n--f--\n";

        DecodeResult result = decoder.decode(ascii(message), null, null);

        assertThat(result.refusals()).isEmpty();
        assertThat(result.reports()).extracting(DecodedReport::location).containsExactly("mime:1.2");
        assertThat(result.reports().get(0).envelope().tlsReportSubmitter()).isEqualTo("google.com");
    }

    @Test
    void twoReportsInOneMessageAreBothTakenAndAWrongTypeIsRecorded() {
        DecodeResult result = decoder.decode(mail("two-reports.eml"), null, null);

        assertThat(result.refusals()).isEmpty();
        assertThat(result.reports()).extracting(DecodedReport::location).containsExactly("mime:2", "mime:3");
        assertThat(result.reports().get(0).findings()).isEmpty();
        assertThat(result.reports().get(1).findings()).extracting(Finding::code, Finding::path)
                .containsExactly(tuple(FindingCode.MEDIA_TYPE_MISMATCH, "mime:3"));
        assertThat(result.reports()).extracting(r -> r.envelope().reportFileName().policyDomain())
                .containsExactly("example.net", "example.org");
    }

    @Test
    void brokenReportPartIsRefusedAndTheOtherPartsAreStillRead() {
        DecodeResult result = decoder.decode(mail("one-broken-part.eml"), null, null);

        assertThat(result.refusals()).extracting(Refusal::code, Refusal::path)
                .containsExactly(tuple(RefusalCode.TRUNCATED_COMPRESSION, "mime:1"));
        assertThat(result.reports()).hasSize(1);
        DecodedReport good = result.reports().get(0);
        assertThat(good.location()).isEqualTo("mime:2");
        assertThat(good.envelope().fileName()).isEqualTo("good.json.gz");
        // the octet-stream picture was looked at, found to be no report, and noted
        assertThat(good.findings()).extracting(Finding::code, Finding::path)
                .containsExactly(tuple(FindingCode.IGNORED_PART, "mime:3"));
    }

    @Test
    void messageWithoutAReportIsRefusedNamingThePartsSeen() {
        DecodeResult result = decoder.decode(mail("cron-not-a-report.eml"), null, null);

        assertThat(result.reports()).isEmpty();
        assertThat(result.refusals()).extracting(Refusal::code, Refusal::path, Refusal::message).containsExactly(
                tuple(RefusalCode.NO_REPORT_IN_MESSAGE, "$", "the message holds no TLS report: parts seen: text/plain"));
    }

    @Test
    void singlePartMessageWhoseBodyIsTheReportIsRead() {
        String message = "From: reporter@example.com\r\nSubject: Report Domain: example.net\r\n"
                + "Content-Type: application/tlsrpt+gzip\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + Base64.getMimeEncoder().encodeToString(gzip(REPORT)) + "\r\n";

        DecodeResult result = decoder.decode(ascii(message), null, null);

        assertThat(result.refusals()).isEmpty();
        assertThat(result.reports()).extracting(DecodedReport::location).containsExactly("mime:1");
    }

    @Test
    void moreMimePartsThanAllowedAreRefused() {
        StringBuilder message = new StringBuilder("From: a@example.com\nContent-Type: multipart/mixed; boundary=b\n\n");
        for (int i = 0; i < 5; i++) {
            message.append("--b\nContent-Type: text/plain\n\npart ").append(i).append('\n');
        }
        message.append("--b--\n");
        ReportDecoder strict = new ReportDecoder(ReportDecoderTest.limits(1 << 20, 1 << 20, 300, 1 << 20, 3, 8, 32));

        DecodeResult result = strict.decode(ascii(message.toString()), null, null);

        assertThat(result.refusals()).extracting(Refusal::code, Refusal::path)
                .containsExactly(tuple(RefusalCode.TOO_MANY_PARTS, "mime:4"));
    }

    @Test
    void thousandsOfBoundaryLinesAreRefusedBeforeTheMessageIsParsed() {
        StringBuilder message = new StringBuilder("From: a@example.com\nContent-Type: multipart/mixed; boundary=b\n\n");
        message.append("--b\n\n".repeat(10_000)).append("--b--\n");

        DecodeResult result = decoder.decode(ascii(message.toString()), null, null);

        assertThat(result.refusals()).extracting(Refusal::code, Refusal::path)
                .containsExactly(tuple(RefusalCode.TOO_MANY_PARTS, "$"));
    }

    @Test
    void multipartsNestedDeeperThanAllowedAreRefused() {
        StringBuilder message = new StringBuilder("From: a@example.com\nContent-Type: multipart/mixed; boundary=b0\n\n");
        int levels = 5;
        for (int i = 1; i <= levels; i++) {
            message.append("--b").append(i - 1).append("\nContent-Type: multipart/mixed; boundary=b").append(i)
                    .append("\n\n");
        }
        message.append("--b").append(levels).append("\nContent-Type: application/tlsrpt+json\n\n")
                .append(Samples.REPORT_JSON).append('\n');
        for (int i = levels; i >= 0; i--) {
            message.append("--b").append(i).append("--\n");
        }
        ReportDecoder shallow = new ReportDecoder(ReportDecoderTest.limits(1 << 20, 1 << 20, 300, 1 << 20, 100, 3, 32));

        DecodeResult deep = shallow.decode(ascii(message.toString()), null, null);
        DecodeResult allowed = decoder.decode(ascii(message.toString()), null, null);

        assertThat(deep.reports()).isEmpty();
        assertThat(deep.refusals()).extracting(Refusal::code).containsExactly(RefusalCode.NESTING_TOO_DEEP);
        assertThat(allowed.reports()).extracting(DecodedReport::location).containsExactly("mime:1.1.1.1.1.1");
    }

    @Test
    void mboxFromLineBeforeTheHeadersIsSkipped() {
        byte[] withFromLine = Samples.concat(ascii("From noreply@google.com Mon Sep 16 11:17:13 2024\n"),
                mail("google-multipart-report.eml"));

        DecodeResult result = decoder.decode(withFromLine, null, null);

        assertThat(result.reports()).hasSize(1);
        assertThat(result.reports().get(0).envelope().tlsReportDomain()).isEqualTo("example.net");
    }

    @Test
    void textThatOnlyLooksLikeAHeaderIsAMessageWithoutReport() {
        DecodeResult result = decoder.decode(ascii("Error: something went wrong\n"), null, null);

        assertThat(result.refusals()).extracting(Refusal::code).containsExactly(RefusalCode.NO_REPORT_IN_MESSAGE);
    }
}
