package org.tlsrpt.ingest.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.ReadResult;
import org.tlsrpt.core.ReportReader;
import org.tlsrpt.ingest.Intake;
import org.tlsrpt.ingest.IntakeResult;
import org.tlsrpt.ingest.dkim.DkimConfig;
import org.tlsrpt.ingest.dkim.DkimVerifier;
import org.tlsrpt.ingest.testing.MailTools;
import org.tlsrpt.ingest.testing.Processes;
import org.tlsrpt.ingest.testing.RecordingIntake;
import org.tlsrpt.ingest.testing.ThrowawayPostfix;

/**
 * A real MTA in front of the intake: swaks submits a report mail to a throwaway Postfix, which relays it to the
 * SMTP intake the way a reporting organisation's outbound MTA would, and keeps it queued when told 451.
 */
class PostfixRelayIT {

    private static final String RECIPIENT = "tlsrpt@reports.example";

    private static final RecordingIntake intake = new RecordingIntake();
    private static SmtpIntake smtp;
    private static ThrowawayPostfix postfix;

    @TempDir
    Path dir;

    @BeforeAll
    static void startMailPath() throws IOException {
        MailTools.assumeRoot();
        MailTools.ensureInstalled();
        DkimVerifier dkim = new DkimVerifier(
                DkimConfig.of("127.0.0.1:" + MailTools.freePort(), Duration.ofSeconds(1)));
        smtp = new SmtpIntake(intake, TestSmtpConfig.loopback()
                .hostName("mx.reports.example").recipients(List.of(RECIPIENT)).build(), dkim);
        smtp.start();
        postfix = ThrowawayPostfix.start(smtp.port());
    }

    @AfterAll
    static void stopMailPath() {
        if (postfix != null) {
            postfix.close();
        }
        if (smtp != null) {
            smtp.close();
        }
    }

    @BeforeEach
    void storeByDefault() {
        intake.answering(new IntakeResult.Stored(List.of("k"), List.of()));
    }

    private Path gzipReport(String reportId) throws IOException {
        byte[] json;
        try (InputStream in = getClass().getResourceAsStream("/reports/google-sts.json")) {
            json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replaceFirst("\"report-id\"\\s*:\\s*\"[^\"]*\"", "\"report-id\": \"" + reportId + "\"")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(json);
        }
        Path file = dir.resolve(reportId + ".json.gz");
        Files.write(file, gz.toByteArray());
        return file;
    }

    private Processes.Result sendReport(Path attachment, String subjectId) {
        return postfix.swaks("--to", RECIPIENT, "--from", "noreply-smtp-tls-reporting@google.example",
                "--helo", "mail-sor-f41.google.example",
                "--header", "Subject: Report Domain: reports.example Submitter: google.example Report-ID: <"
                        + subjectId + ">",
                "--add-header", "TLS-Report-Domain: reports.example",
                "--add-header", "TLS-Report-Submitter: google.example",
                "--body", "This is an aggregate TLS report from google.example",
                "--attach-type", "application/tlsrpt+gzip",
                "--attach-name", "google.example!reports.example!1726358400!1726444799!" + subjectId + ".json.gz",
                "--attach", "@" + attachment);
    }

    private static byte[] attachmentOf(byte[] raw) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
        Multipart parts = (Multipart) message.getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.getContentType().startsWith("application/tlsrpt+gzip")) {
                try (InputStream in = part.getInputStream()) {
                    return in.readAllBytes();
                }
            }
        }
        throw new AssertionError("no application/tlsrpt+gzip part in the relayed message");
    }

    private Intake awaitIntakeWith(String reportId) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            for (Intake received : intake.received()) {
                if (new String(received.raw(), java.nio.charset.StandardCharsets.US_ASCII).contains(reportId)) {
                    return received;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Postfix did not relay the report " + reportId + "; log:\n" + postfix.log());
    }

    @Test
    void aReportRelayedByPostfixArrivesUnchangedAndPostfixLogsItSentWith250() throws Exception {
        Path report = gzipReport("relay-sent-1");
        Processes.Result submitted = sendReport(report, "relay-sent-1");
        assertThat(submitted.exitCode()).as(submitted.output()).isZero();

        Intake received = awaitIntakeWith("relay-sent-1");
        assertThat(attachmentOf(received.raw())).isEqualTo(Files.readAllBytes(report));
        ReadResult read = new ReportReader(Limits.DEFAULTS).read(received.raw(), received.declaredType(), null);
        assertThat(read.refusals()).isEmpty();
        assertThat(read.reports()).hasSize(1);
        assertThat(received.coordinates()).containsEntry("helo", "relay.test.example")
                .containsEntry("rcpt-to", RECIPIENT)
                .containsEntry("mail-from", "noreply-smtp-tls-reporting@google.example");

        String sent = postfix.awaitLogLine(line -> line.contains("to=<" + RECIPIENT + ">")
                && line.contains("status=sent"), Duration.ofSeconds(30));
        assertThat(sent).contains("relay=127.0.0.1[127.0.0.1]:" + smtp.port()).contains("(250 ");
    }

    @Test
    void whenTheIntakeCannotStoreTheReportPostfixKeepsItDeferredInItsQueue() throws Exception {
        intake.answering(new IntakeResult.Unavailable("Kafka did not acknowledge"));
        Path report = gzipReport("relay-deferred-1");
        Processes.Result submitted = sendReport(report, "relay-deferred-1");
        assertThat(submitted.exitCode()).as(submitted.output()).isZero();

        awaitIntakeWith("relay-deferred-1");
        String deferred = postfix.awaitLogLine(line -> line.contains("status=deferred")
                && line.contains("451"), Duration.ofSeconds(30));
        String queueId = deferred.replaceFirst(".*\\]: ([0-9A-F]+): to=.*", "$1");
        assertThat(postfix.queue())
                .contains("\"queue_id\": \"" + queueId + "\"")
                .contains("\"queue_name\": \"deferred\"")
                .contains("451 4.3.0");
    }
}
