package org.tlsrpt.ingest.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tlsrpt.ingest.smtp.RawSmtpClient.expect;

import jakarta.mail.Address;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.core.problem.RefusalCode;
import org.tlsrpt.ingest.Channel;
import org.tlsrpt.ingest.DkimVerdict;
import org.tlsrpt.ingest.Intake;
import org.tlsrpt.ingest.IntakeResult;
import org.tlsrpt.ingest.dkim.DkimConfig;
import org.tlsrpt.ingest.dkim.DkimVerifier;
import org.tlsrpt.ingest.testing.MailTools;
import org.tlsrpt.ingest.testing.Processes;
import org.tlsrpt.ingest.testing.RecordingIntake;

class SmtpIntakeTest {

    private static final int LIMIT = 64 * 1024;
    private static final String RECIPIENT = "tlsrpt@reports.example";

    private final RecordingIntake intake = new RecordingIntake();
    private SmtpIntake smtp;

    @AfterEach
    void stop() {
        if (smtp != null) {
            smtp.close();
        }
    }

    private SmtpIntake start(TestSmtpConfig config) {
        // Keys are looked up at a port nobody serves: the adapter tests do not depend on DNS.
        DkimVerifier dkim = new DkimVerifier(
                DkimConfig.of("127.0.0.1:" + MailTools.freePort(), Duration.ofSeconds(1)));
        smtp = new SmtpIntake(intake, config.build(), dkim);
        smtp.start();
        return smtp;
    }

    private SmtpIntake start() {
        return start(testConfig());
    }

    private static TestSmtpConfig testConfig() {
        return TestSmtpConfig.loopback().hostName("mx.reports.example")
                .recipients(List.of(RECIPIENT, "@tlsrpt.example")).maxMessageSize(LIMIT);
    }

    static byte[] googleReportMail() throws IOException {
        try (InputStream in = SmtpIntakeTest.class.getResourceAsStream("/mail/google-multipart-report.eml")) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).replace("\r\n", "\n");
            if (!text.endsWith("\n")) {
                text += "\n";
            }
            return text.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
    }

    @Test
    void aGoogleReportMailSentWithJakartaMailIsAcceptedWith250AndHandedOverByteForByte() throws Exception {
        start();
        byte[] mail = googleReportMail();
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(smtp.port()));
        properties.put("mail.smtp.localhost", "mta.google.example");
        Session session = Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(mail));

        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, new Address[] {new InternetAddress(RECIPIENT)});
            assertThat(transport.getLastReturnCode()).isEqualTo(250);
            assertThat(transport.getLastServerResponse()).contains("queued as " + intake.only().coordinates().get("queue-id"));
        }

        Intake received = intake.only();
        assertThat(received.raw()).isEqualTo(mail);
        assertThat(received.channel()).isEqualTo(Channel.SMTP);
        assertThat(received.origin()).isEqualTo("127.0.0.1");
        assertThat(received.coordinates())
                .containsEntry("helo", "mta.google.example")
                .containsEntry("rcpt-to", RECIPIENT)
                .containsEntry("remote-address", "127.0.0.1")
                .containsKeys("queue-id", "mail-from");
        assertThat(received.dkim()).isNotNull();
    }

    @Test
    void theEnvelopeSenderAndEveryRecipientAreKeptAsCoordinates() throws Exception {
        start();
        try (RawSmtpClient client = new RawSmtpClient(smtp.port()).open("bounces@google.com", RECIPIENT)) {
            expect(client.command("RCPT TO:<reports@tlsrpt.example>"), 250);
            expect(client.data(googleReportMail()), 250);
        }
        assertThat(intake.only().coordinates())
                .containsEntry("mail-from", "bounces@google.com")
                .containsEntry("rcpt-to", RECIPIENT + ",reports@tlsrpt.example")
                .containsEntry("helo", "client.test");
    }

    @Test
    void anUnsignedMailCarriesTheVerdictNone() throws Exception {
        start();
        byte[] unsigned = new String(googleReportMail(), StandardCharsets.US_ASCII)
                .replaceFirst("(?s)DKIM-Signature:.*?\r\n(?=MIME-Version)", "").getBytes(StandardCharsets.US_ASCII);
        try (RawSmtpClient client = new RawSmtpClient(smtp.port()).open("a@google.com", RECIPIENT)) {
            expect(client.data(unsigned), 250);
        }
        assertThat(intake.only().dkim().result()).isEqualTo(DkimVerdict.Result.NONE);
    }

    @Test
    void aQuarantinedReportIsStillAcceptedWith250BecauseItsBytesAreKept() throws Exception {
        start();
        intake.answering(new IntakeResult.Quarantined(List.of("q-1"),
                List.of(new Refusal(RefusalCode.CORRUPT_COMPRESSION, "$", "broken attachment"))));
        try (RawSmtpClient client = new RawSmtpClient(smtp.port()).open("a@google.com", RECIPIENT)) {
            assertThat(expect(client.data(googleReportMail()), 250).text()).contains("quarantine");
        }
    }

    @Test
    void whenTheIntakeCannotStoreTheMessageTheSenderIsToldToRetryWith451() throws Exception {
        start();
        intake.answering(new IntakeResult.Unavailable("Kafka did not acknowledge"));
        try (RawSmtpClient client = new RawSmtpClient(smtp.port()).open("a@google.com", RECIPIENT)) {
            RawSmtpClient.Reply reply = client.data(googleReportMail());
            assertThat(reply.code()).isEqualTo(451);
            assertThat(reply.text()).doesNotContain("Kafka");
            expect(client.command("NOOP"), 250);
        }
        assertThat(intake.received()).hasSize(1);
    }

    @Test
    void anUnexpectedFailureInTheIntakeIsAnswered451AndTheServerGoesOn() throws Exception {
        start();
        intake.answering(i -> {
            throw new IllegalStateException("producer closed");
        });
        try (RawSmtpClient client = new RawSmtpClient(smtp.port()).open("a@google.com", RECIPIENT)) {
            assertThat(client.data(googleReportMail()).code()).isEqualTo(451);
        }
        intake.answering(new IntakeResult.Stored(List.of("k"), List.of()));
        try (RawSmtpClient client = new RawSmtpClient(smtp.port()).open("a@google.com", RECIPIENT)) {
            assertThat(client.data(googleReportMail()).code()).isEqualTo(250);
        }
    }

    @Test
    void aMailWithoutAReportIsRefusedWith550AndTheReason() throws Exception {
        start();
        intake.answering(new IntakeResult.NotAReport(
                new Refusal(RefusalCode.NO_REPORT_IN_MESSAGE, "$", "no part holds a TLS report")));
        try (RawSmtpClient client = new RawSmtpClient(smtp.port()).open("cron@host.example", RECIPIENT)) {
            RawSmtpClient.Reply reply = client.data(
                    "Subject: cron\r\nFrom: cron@host.example\r\n\r\nbackup done\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(reply.code()).isEqualTo(550);
            assertThat(reply.text()).contains("no part holds a TLS report");
        }
    }

    @Test
    void aReportRefusedByPolicyIsAnswered550() throws Exception {
        start();
        intake.answering(new IntakeResult.Forbidden("policy domain other.example is not served here"));
        try (RawSmtpClient client = new RawSmtpClient(smtp.port()).open("a@google.com", RECIPIENT)) {
            RawSmtpClient.Reply reply = client.data(googleReportMail());
            assertThat(reply.code()).isEqualTo(550);
            assertThat(reply.text()).contains("other.example is not served here");
        }
    }

    @Test
    void aReportOverADailyQuotaIsAnsweredWithTheTemporary452SoTheSenderKeepsIt() throws Exception {
        start();
        intake.answering(new IntakeResult.OverQuota("the reporting organisation has stored its quota",
                java.time.Duration.ofHours(3)));
        try (RawSmtpClient client = new RawSmtpClient(smtp.port()).open("a@google.com", RECIPIENT)) {
            RawSmtpClient.Reply reply = client.data(googleReportMail());
            assertThat(reply.code()).isEqualTo(452);
            assertThat(reply.text()).startsWith("4.3.1");
        }
    }

    @Test
    void aReportTheIntakeFindsTooLargeIsAnswered552() throws Exception {
        start();
        intake.answering(new IntakeResult.TooLarge(
                new Refusal(RefusalCode.DECOMPRESSED_TOO_LARGE, "$", "decompressed size over the limit")));
        try (RawSmtpClient client = new RawSmtpClient(smtp.port()).open("a@google.com", RECIPIENT)) {
            assertThat(client.data(googleReportMail()).code()).isEqualTo(552);
        }
    }

    @Test
    void aMessageOverTheSizeLimitIsAnswered552WithoutReachingTheIntakeAndTheSessionGoesOn() throws Exception {
        start();
        byte[] big = ("Subject: big\r\n\r\n" + ("y".repeat(76) + "\r\n").repeat(LIMIT / 78 + 10))
                .getBytes(StandardCharsets.US_ASCII);
        try (RawSmtpClient client = new RawSmtpClient(smtp.port()).open("a@google.com", RECIPIENT)) {
            assertThat(client.data(big).code()).isEqualTo(552);
            expect(client.command("MAIL FROM:<a@google.com>"), 250);
        }
        assertThat(intake.received()).isEmpty();
    }

    @Test
    void aClientThatKeepsSendingFarPastTheLimitIsCutOffInsteadOfBeingReadToTheEnd() throws Exception {
        start();
        long offered = 64L * 1024 * 1024;
        long taken;
        try (RawSmtpClient client = new RawSmtpClient(smtp.port()).open("a@google.com", RECIPIENT)) {
            taken = client.dataWithoutEnd(offered);
        }
        assertThat(taken).isLessThan(offered);
        assertThat(intake.received()).isEmpty();
    }

    @Test
    void theSizeLimitIsAdvertisedAndADeclaredOversizeMailIsRefusedAtMailFrom() throws Exception {
        start();
        try (RawSmtpClient client = new RawSmtpClient(smtp.port())) {
            expect(client.greeting(), 220);
            assertThat(expect(client.command("EHLO client.test"), 250).lines()).contains("SIZE " + LIMIT);
            assertThat(client.command("MAIL FROM:<a@google.com> SIZE=" + (LIMIT + 1)).code()).isEqualTo(552);
        }
    }

    @Test
    void anUnknownRecipientIsRefusedAtRcptWith550WhenRecipientsAreConfigured() throws Exception {
        start();
        try (RawSmtpClient client = new RawSmtpClient(smtp.port())) {
            expect(client.greeting(), 220);
            expect(client.command("EHLO client.test"), 250);
            expect(client.command("MAIL FROM:<a@google.com>"), 250);
            assertThat(client.command("RCPT TO:<postmaster@reports.example>").code()).isEqualTo(550);
            assertThat(client.command("RCPT TO:<TLSRPT@Reports.Example>").code()).isEqualTo(250);
            assertThat(client.command("RCPT TO:<anyone@tlsrpt.example>").code()).isEqualTo(250);
            assertThat(client.command("RCPT TO:<anyone@sub.tlsrpt.example>").code()).isEqualTo(550);
        }
    }

    @Test
    void everyRecipientIsAcceptedWhenNoneAreConfigured() throws Exception {
        start(testConfig().recipients(List.of()));
        try (RawSmtpClient client = new RawSmtpClient(smtp.port()).open("a@google.com", "whoever@anywhere.example")) {
            expect(client.data(googleReportMail()), 250);
        }
    }

    @Test
    void recipientsBeyondTheLimitAreRefused() throws Exception {
        start(testConfig().maxRecipients(2));
        try (RawSmtpClient client = new RawSmtpClient(smtp.port()).open("a@google.com", RECIPIENT)) {
            expect(client.command("RCPT TO:<b@tlsrpt.example>"), 250);
            assertThat(client.command("RCPT TO:<c@tlsrpt.example>").code()).isEqualTo(452);
        }
    }

    @Test
    void aReportSentInBdatChunksIsAcceptedWholeAndOversizeChunksAreRefused() throws Exception {
        start();
        byte[] mail = googleReportMail();
        int half = mail.length / 2;
        try (RawSmtpClient client = new RawSmtpClient(smtp.port()).open("a@google.com", RECIPIENT)) {
            expect(client.bdat(java.util.Arrays.copyOfRange(mail, 0, half), false), 250);
            expect(client.bdat(java.util.Arrays.copyOfRange(mail, half, mail.length), true), 250);
            expect(client.command("MAIL FROM:<a@google.com>"), 250);
            expect(client.command("RCPT TO:<" + RECIPIENT + ">"), 250);
            assertThat(client.bdat(new byte[LIMIT + 1], true).code()).isEqualTo(552);
        }
        assertThat(intake.only().raw()).isEqualTo(mail);
    }

    @Test
    void aConnectionBeyondTheLimitIsToldToComeBackLaterWith421() throws Exception {
        start(testConfig().maxConnections(1));
        try (RawSmtpClient first = new RawSmtpClient(smtp.port())) {
            expect(first.greeting(), 220);
            try (RawSmtpClient second = new RawSmtpClient(smtp.port())) {
                assertThat(second.greeting().code()).isEqualTo(421);
            }
            expect(first.command("NOOP"), 250);
        }
    }

    @Test
    void anIdleClientIsDisconnectedAfterTheIdleTimeout() throws Exception {
        start(testConfig().idleTimeout(Duration.ofMillis(300)));
        try (RawSmtpClient client = new RawSmtpClient(smtp.port())) {
            expect(client.greeting(), 220);
            assertThat(client.reply().code()).isEqualTo(421);
        }
    }

    @Test
    void starttlsIsNotOfferedWithoutACertificate() throws Exception {
        start();
        try (RawSmtpClient client = new RawSmtpClient(smtp.port())) {
            expect(client.greeting(), 220);
            assertThat(expect(client.command("EHLO client.test"), 250).lines()).doesNotContain("STARTTLS");
        }
    }

    @Test
    void aReportIsDeliveredOverStarttlsWithAConfiguredPemCertificate(@TempDir Path dir) throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Processes.run(Duration.ofSeconds(60), "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1").requireSuccess("openssl req");
        start(testConfig().tls(new SmtpConfig.Tls(cert, key)));

        try (RawSmtpClient client = new RawSmtpClient(smtp.port())) {
            expect(client.greeting(), 220);
            assertThat(expect(client.command("EHLO client.test"), 250).lines()).contains("STARTTLS");
        }
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(smtp.port()));
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
        properties.put("mail.smtp.ssl.trust", "*");
        Session session = Session.getInstance(properties);
        byte[] mail = googleReportMail();
        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(new MimeMessage(session, new ByteArrayInputStream(mail)),
                    new Address[] {new InternetAddress(RECIPIENT)});
            assertThat(transport.getLastReturnCode()).isEqualTo(250);
        }
        assertThat(intake.only().raw()).isEqualTo(mail);
    }

    @Test
    void jakartaMailSeesTheRefusalCodeOfARefusedReport() throws Exception {
        start();
        intake.answering(new IntakeResult.Unavailable("down"));
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(smtp.port()));
        Session session = Session.getInstance(properties);
        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect();
            assertThatThrownBy(() -> transport.sendMessage(
                    new MimeMessage(session, new ByteArrayInputStream(googleReportMail())),
                    new Address[] {new InternetAddress(RECIPIENT)}))
                    .isInstanceOfSatisfying(SMTPSendFailedException.class,
                            e -> assertThat(e.getReturnCode()).isEqualTo(451));
        }
    }
}
