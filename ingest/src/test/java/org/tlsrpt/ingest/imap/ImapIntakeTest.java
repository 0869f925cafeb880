package org.tlsrpt.ingest.imap;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tlsrpt.ingest.Channel;
import org.tlsrpt.ingest.DkimVerdict;
import org.tlsrpt.ingest.Intake;
import org.tlsrpt.ingest.imap.MailboxConnection.MoveMethod;

/** The IMAP channel against GreenMail, an in-process IMAP server: fast, and enough for the adapter's logic. */
class ImapIntakeTest {

    private static final String USER = "reports";
    private static final String PASSWORD = "imap-test-secret-4711";

    private GreenMail server;
    private TestMailbox mailbox;
    private final RecordingIntake intake = new RecordingIntake();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @BeforeEach
    void startServer() {
        server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort());
        server.start();
        server.setUser("reports@example.net", USER, PASSWORD);
        mailbox = new TestMailbox("127.0.0.1", port(), USER, PASSWORD);
    }

    @AfterEach
    void stopServer() {
        timer.shutdownNow();
        server.stop();
    }

    @Test
    void aReportMailIsMovedToProcessedOnceStored() throws Exception {
        mailbox.append("INBOX", TestMails.report("r1@google.com"));

        PollSummary summary = poller(config()).pollOnce();

        assertThat(summary.processed()).isEqualTo(1);
        assertThat(intake.stored()).hasSize(1);
        assertThat(mailbox.ids("INBOX")).isEmpty();
        assertThat(mailbox.ids("processed")).containsExactly("r1@google.com");
        assertThat(mailbox.ids("invalid")).isEmpty();
    }

    @Test
    void aMailWithoutAReportIsMovedToInvalid() throws Exception {
        mailbox.append("INBOX", TestMails.notAReport("cron1@host"));

        PollSummary summary = poller(config()).pollOnce();

        assertThat(summary.invalid()).isEqualTo(1);
        assertThat(intake.received()).hasSize(1);
        assertThat(mailbox.ids("INBOX")).isEmpty();
        assertThat(mailbox.ids("invalid")).containsExactly("cron1@host");
        assertThat(mailbox.ids("processed")).isEmpty();
    }

    @Test
    void theIntakeGetsTheRawMessageWithImapOriginAndCoordinates() throws Exception {
        byte[] mail = TestMails.report("coords@google.com");
        mailbox.append("INBOX", mail);

        poller(config()).pollOnce();

        Intake received = intake.received().get(0);
        assertThat(received.channel()).isEqualTo(Channel.IMAP);
        assertThat(received.origin()).isEqualTo("reports@127.0.0.1");
        assertThat(new String(received.raw(), StandardCharsets.ISO_8859_1))
                .contains("Message-ID: <coords@google.com>", "TLS-Report-Submitter: google.com");
        assertThat(received.coordinates())
                .containsEntry("mailbox", "reports@127.0.0.1")
                .containsEntry("folder", "INBOX")
                .containsEntry("message-id", "<coords@google.com>")
                .containsKeys("uid", "uidvalidity")
                .doesNotContainValue(PASSWORD);
        assertThat(received.dkim()).as("no DKIM check configured").isNull();
    }

    @Test
    void aDkimCheckSeesTheRawBytesAndItsVerdictReachesTheIntake() throws Exception {
        mailbox.append("INBOX", TestMails.report("dkim@google.com"));
        DkimVerdict verdict = new DkimVerdict(DkimVerdict.Result.PASS, "google.com",
                true, "checked by the test");

        new MailboxPoller(mailboxConfig(), config(), intake,
                raw -> new String(raw, StandardCharsets.ISO_8859_1).contains("DKIM-Signature")
                        ? verdict : null,
                timer, Clock.systemUTC()).pollOnce();

        assertThat(intake.received().get(0).dkim()).isEqualTo(verdict);
    }

    @Test
    void anUnavailableIntakeLeavesTheMailUnseenInTheInboxAndALaterPollMovesIt() throws Exception {
        mailbox.append("INBOX", TestMails.report("later@google.com"));
        mailbox.append("INBOX", TestMails.report("later2@google.com"));
        MailboxPoller poller = poller(config());
        intake.mode(RecordingIntake.Mode.UNAVAILABLE);

        PollSummary down = poller.pollOnce();

        assertThat(down.intakeUnavailable()).isTrue();
        assertThat(down.processed() + down.invalid()).isZero();
        assertThat(intake.received()).as("the poll stops at the first unavailable answer").hasSize(1);
        assertThat(mailbox.list("INBOX")).extracting(TestMailbox.Seen::seen).containsExactly(false, false);
        assertThat(mailbox.ids("processed")).isEmpty();

        intake.mode(RecordingIntake.Mode.NORMAL);
        PollSummary up = poller.pollOnce();

        assertThat(up.processed()).isEqualTo(2);
        assertThat(mailbox.ids("INBOX")).isEmpty();
        assertThat(mailbox.ids("processed")).containsExactlyInAnyOrder("later@google.com", "later2@google.com");
    }

    @Test
    void anIntakeThatThrowsLeavesTheMessageInPlaceAndGoesOnWithTheOthers() throws Exception {
        mailbox.append("INBOX", TestMails.report("boom@google.com"));
        MailboxPoller poller = poller(config());
        intake.mode(RecordingIntake.Mode.THROWING);

        PollSummary failed = poller.pollOnce();

        assertThat(failed.leftBehind()).isEqualTo(1);
        assertThat(failed.intakeUnavailable()).isFalse();
        assertThat(mailbox.list("INBOX")).containsExactly(new TestMailbox.Seen("boom@google.com", false));

        intake.mode(RecordingIntake.Mode.NORMAL);
        poller.pollOnce();
        assertThat(mailbox.ids("processed")).containsExactly("boom@google.com");
    }

    @Test
    void missingProcessedAndInvalidFoldersAreCreatedUnderTheConfiguredNames() throws Exception {
        MailboxConfig custom = mailboxConfig().withFolders("INBOX", "tlsrpt-done", "tlsrpt-rejected");
        assertThat(mailbox.exists("tlsrpt-done")).isFalse();

        mailbox.append("INBOX", TestMails.report("custom@google.com"));
        new MailboxPoller(custom, config(), intake, ImapIntake.DKIM_NOT_CHECKED, timer, Clock.systemUTC())
                .pollOnce();

        assertThat(mailbox.exists("tlsrpt-done")).isTrue();
        assertThat(mailbox.exists("tlsrpt-rejected")).isTrue();
        assertThat(mailbox.ids("tlsrpt-done")).containsExactly("custom@google.com");
    }

    @Test
    void unseenMessagesAreFetchedInBatchesOfTheConfiguredSize() throws Exception {
        for (int i = 0; i < 7; i++) {
            mailbox.append("INBOX", i % 2 == 0 ? TestMails.report("b" + i + "@google.com")
                    : TestMails.notAReport("b" + i + "@host"));
        }

        PollSummary summary = poller(polling().batchSize(3).build()).pollOnce();

        assertThat(summary.batches()).isEqualTo(3);
        assertThat(summary.processed()).isEqualTo(4);
        assertThat(summary.invalid()).isEqualTo(3);
        assertThat(mailbox.ids("INBOX")).isEmpty();
        assertThat(intake.received()).as("each message handed over once").hasSize(7);
    }

    @Test
    void seenMessagesAreNotTouched() throws Exception {
        mailbox.append("INBOX", TestMails.report("read@google.com"));
        markAllSeen();

        PollSummary summary = poller(config()).pollOnce();

        assertThat(summary.isEmpty()).isTrue();
        assertThat(intake.received()).isEmpty();
        assertThat(mailbox.ids("INBOX")).containsExactly("read@google.com");
    }

    @Test
    void aMessageOverTheSizeLimitGoesToInvalidWithoutReachingTheIntake() throws Exception {
        mailbox.append("INBOX", TestMails.report("big@google.com"));
        mailbox.append("INBOX", TestMails.notAReport("small@host"));

        PollSummary summary = poller(polling().maxMessageBytes(1000).build()).pollOnce();

        assertThat(summary.invalid()).isEqualTo(2);
        assertThat(intake.received()).extracting(i -> i.coordinates().get("message-id"))
                .containsExactly("<small@host>");
        assertThat(mailbox.ids("invalid")).containsExactlyInAnyOrder("big@google.com", "small@host");
    }

    @Test
    void withoutMoveMessagesAreCopiedThenExpungedByUid() throws Exception {
        mailbox.append("INBOX", TestMails.report("copy@google.com"));
        mailbox.append("INBOX", TestMails.report("stay@google.com"));
        try (MailboxConnection connection = MailboxConnection.open(mailboxConfig(), config())) {
            connection.useMoveMethod(MoveMethod.COPY_DELETE_EXPUNGE);
            var folder = connection.folder();
            var first = folder.getMessages()[0];

            connection.move(List.of(first), connection.target(Disposition.PROCESSED));
        }

        assertThat(mailbox.ids("processed")).containsExactly("copy@google.com");
        assertThat(mailbox.list("INBOX")).containsExactly(new TestMailbox.Seen("stay@google.com", false));
    }

    @Test
    void aStartedIntakePollsInTheBackgroundAndHearsOfNewMailThroughIdle() throws Exception {
        ImapConfig config = polling().every(Duration.ofSeconds(50), true).build();
        try (ImapIntake imap = new ImapIntake(intake, config)) {
            imap.start();
            awaitIds("processed", 0); // connected and idle on an empty inbox
            mailbox.append("INBOX", TestMails.report("idle@google.com"));

            awaitIds("processed", 1);
        }
        assertThat(mailbox.ids("processed")).containsExactly("idle@google.com");
        assertThat(mailbox.ids("INBOX")).isEmpty();
    }

    @Test
    void thePasswordAppearsInNoLogRecordEvenWithProtocolTracingAndFailedLogins() throws Exception {
        String wrong = "wrong-password-0815";
        mailbox.append("INBOX", TestMails.report("logged@google.com"));
        MailboxConfig refused = TestImapConfig.mailbox("127.0.0.1", port(), USER, wrong).withTls(TlsMode.PLAIN);
        ImapConfig config = new ImapConfig(List.of(mailboxConfig(), refused), 10, Duration.ofSeconds(50), true,
                1_000_000, Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMillis(50),
                Duration.ofMillis(100));

        try (LogCapture logs = new LogCapture(); ImapIntake imap = new ImapIntake(intake, config)) {
            imap.start();
            awaitIds("processed", 1);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!logs.all().contains("reconnecting") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            imap.close();

            assertThat(logs.all()).as("the failed login was logged").contains(USER + "@127.0.0.1: ")
                    .contains("reconnecting");
            assertThat(logs.lines()).as("protocol trace captured too").anyMatch(line -> line.contains("FETCH"));
            assertThat(logs.all()).doesNotContain(PASSWORD).doesNotContain(wrong);
        }
    }

    @Test
    void aPollerReconnectsWithBackoffWhenTheServerComesBack() throws Exception {
        int port = port();
        ImapConfig config = polling().every(Duration.ofMillis(200), false).build();
        try (ImapIntake imap = new ImapIntake(intake, config)) {
            imap.start();
            mailbox.append("INBOX", TestMails.report("before@google.com"));
            awaitIds("processed", 1);

            server.stop();
            server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_IMAP));
            server.start();
            server.setUser("reports@example.net", USER, PASSWORD);
            mailbox.append("INBOX", TestMails.report("after@google.com"));

            awaitIds("processed", 1);
        }
        assertThat(mailbox.ids("processed")).containsExactly("after@google.com");
        assertThat(intake.stored()).hasSize(2);
    }

    @Test
    void thePasswordCanComeFromAFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("imap-password"), PASSWORD + "\n");
        MailboxConfig fromFile = TestImapConfig.mailboxWithPasswordFile("127.0.0.1", port(), USER, file)
                .withTls(TlsMode.PLAIN);
        mailbox.append("INBOX", TestMails.report("file@google.com"));

        new MailboxPoller(fromFile, TestImapConfig.imap(List.of(fromFile)), intake, ImapIntake.DKIM_NOT_CHECKED, timer,
                Clock.systemUTC()).pollOnce();

        assertThat(mailbox.ids("processed")).containsExactly("file@google.com");
    }

    private void awaitIds(String folder, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (mailbox.ids(folder).size() != count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(mailbox.ids(folder)).hasSize(count);
    }

    private void markAllSeen() throws Exception {
        try (MailboxConnection connection = MailboxConnection.open(mailboxConfig(), config())) {
            var folder = connection.folder();
            folder.setFlags(folder.getMessages(), new Flags(Flags.Flag.SEEN), true);
        }
    }

    private int port() {
        return server.getImap().getPort();
    }

    private MailboxConfig mailboxConfig() {
        return TestImapConfig.mailbox("127.0.0.1", port(), USER, PASSWORD).withTls(TlsMode.PLAIN);
    }

    private ImapConfig config() {
        return polling().build();
    }

    private TestImapConfig.Polling polling() {
        return TestImapConfig.polling(List.of(mailboxConfig())).backoff(Duration.ofMillis(50), Duration.ofMillis(200));
    }

    private MailboxPoller poller(ImapConfig config) {
        return new MailboxPoller(config.mailboxes().get(0), config, intake, ImapIntake.DKIM_NOT_CHECKED, timer,
                Clock.systemUTC());
    }
}
