package org.tlsrpt.ingest.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsrpt.ingest.imap.MailboxConnection.MoveMethod;

/**
 * The IMAP channel against a real Dovecot from Debian packages, over required STARTTLS and IMAPS with the
 * server's self-signed certificate trusted. Each test uses its own folder so that tests stay independent.
 */
class DovecotImapIT {

    @TempDir
    static Path dir;
    private static Dovecot dovecot;

    private final RecordingIntake intake = new RecordingIntake();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void startDovecot() throws Exception {
        dovecot = Dovecot.start(dir);
    }

    @AfterAll
    static void stopDovecot() throws Exception {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void aReportEndsInProcessedAndANonReportInInvalidOverRequiredStartTls() throws Exception {
        MailboxConfig mailbox = startTls("plain-and-bad");
        dovecot.deliver(mailbox.folder(), TestMails.report("dv-report@google.com"));
        dovecot.deliver(mailbox.folder(), TestMails.notAReport("dv-cron@host"));

        PollSummary summary = poller(mailbox, config(mailbox)).pollOnce();

        assertThat(summary.processed()).isEqualTo(1);
        assertThat(summary.invalid()).isEqualTo(1);
        assertThat(view().ids(mailbox.folder())).isEmpty();
        assertThat(view().ids(mailbox.processedFolder())).containsExactly("dv-report@google.com");
        assertThat(view().ids(mailbox.invalidFolder())).containsExactly("dv-cron@host");
    }

    @Test
    void imapsWithTheServersCertificateTrustedWorksToo() throws Exception {
        MailboxConfig mailbox = new MailboxConfig("127.0.0.1", dovecot.imapsPort(), Dovecot.USER, Dovecot.PASSWORD,
                null, "imaps-in", "imaps-done", "imaps-bad", TlsMode.IMAPS, dovecot.certificate());
        dovecot.deliver(mailbox.folder(), TestMails.report("dv-imaps@google.com"));

        poller(mailbox, config(mailbox)).pollOnce();

        assertThat(view().ids("imaps-done")).containsExactly("dv-imaps@google.com");
    }

    @Test
    void aServerCertificateThatIsNotTrustedIsRefusedBeforeLoggingIn() throws Exception {
        MailboxConfig untrusted = TestImapConfig.mailbox("127.0.0.1", dovecot.imapPort(), Dovecot.USER, Dovecot.PASSWORD)
                .withFolders("untrusted-in", "processed", "invalid");
        dovecot.deliver(untrusted.folder(), TestMails.report("dv-untrusted@google.com"));

        assertThatThrownBy(() -> poller(untrusted, config(untrusted)).pollOnce())
                .isInstanceOf(MessagingException.class)
                .hasStackTraceContaining("SSLHandshakeException");
        assertThat(intake.received()).isEmpty();
        assertThat(view().ids("untrusted-in")).containsExactly("dv-untrusted@google.com");
    }

    @Test
    void nothingIsLostWhileTheIntakeIsUnavailable() throws Exception {
        MailboxConfig mailbox = startTls("kafka-down");
        List<String> ids = List.of("dv-a@google.com", "dv-b@google.com", "dv-c@google.com");
        for (String id : ids) {
            dovecot.deliver(mailbox.folder(), TestMails.report(id));
        }
        MailboxPoller poller = poller(mailbox, polling(mailbox).batchSize(2).build());
        intake.mode(RecordingIntake.Mode.UNAVAILABLE);

        poller.pollOnce();
        poller.pollOnce();

        assertThat(view().list(mailbox.folder())).hasSize(3).noneMatch(TestMailbox.Seen::seen);
        assertThat(view().ids(mailbox.processedFolder())).isEmpty();

        intake.mode(RecordingIntake.Mode.NORMAL);
        poller.pollOnce();

        assertThat(view().ids(mailbox.folder())).isEmpty();
        assertThat(view().ids(mailbox.processedFolder())).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(intake.stored()).hasSize(3);
    }

    @Test
    void idleWakesThePollerForAMessageDeliveredWhileIdle() throws Exception {
        MailboxConfig mailbox = startTls("idle");
        dovecot.createFolder(mailbox.folder());
        // Polls would come only every 100 s: a message handled sooner was announced by IDLE.
        ImapConfig config = new ImapConfig(List.of(mailbox), 10, Duration.ofSeconds(100), true, 1_000_000,
                Duration.ofSeconds(10), Duration.ofSeconds(200), Duration.ofMillis(100), Duration.ofSeconds(1));
        try (LogCapture logs = new LogCapture(); ImapIntake imap = new ImapIntake(intake, config)) {
            imap.start();
            await(() -> logs.all().contains("waiting in IDLE"), "the poller to enter IDLE\n" + dovecot.log());

            dovecot.deliver(mailbox.folder(), TestMails.report("dv-idle@google.com"));

            await(() -> view().ids(mailbox.processedFolder()).contains("dv-idle@google.com"),
                    "the message to be moved to processed");
        }
        assertThat(intake.stored()).hasSize(1);
    }

    @Test
    void withoutMoveTheCopyDeleteExpungeFallbackMovesOnlyTheHandledMessage() throws Exception {
        MailboxConfig mailbox = startTls("fallback");
        dovecot.deliver(mailbox.folder(), TestMails.report("dv-first@google.com"));
        dovecot.deliver(mailbox.folder(), TestMails.report("dv-second@google.com"));
        try (MailboxConnection connection = MailboxConnection.open(mailbox, config(mailbox))) {
            connection.useMoveMethod(MoveMethod.COPY_DELETE_EXPUNGE);
            connection.move(List.of(connection.folder().getMessages()[0]),
                    connection.target(Disposition.INVALID));
        }

        assertThat(view().ids(mailbox.invalidFolder())).containsExactly("dv-first@google.com");
        assertThat(view().ids(mailbox.folder())).containsExactly("dv-second@google.com");
    }

    private MailboxConfig startTls(String prefix) {
        return TestImapConfig.mailbox("127.0.0.1", dovecot.imapPort(), Dovecot.USER, Dovecot.PASSWORD)
                .withFolders(prefix + "-in", prefix + "-done", prefix + "-bad")
                .withTrustedCertificate(dovecot.certificate());
    }

    private static ImapConfig config(MailboxConfig mailbox) {
        return polling(mailbox).build();
    }

    private static TestImapConfig.Polling polling(MailboxConfig mailbox) {
        return TestImapConfig.polling(List.of(mailbox)).backoff(Duration.ofMillis(100), Duration.ofSeconds(1));
    }

    private MailboxPoller poller(MailboxConfig mailbox, ImapConfig config) {
        return new MailboxPoller(mailbox, config, intake, ImapIntake.DKIM_NOT_CHECKED, timer, Clock.systemUTC());
    }

    private static TestMailbox view() {
        return dovecot.mailbox();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
