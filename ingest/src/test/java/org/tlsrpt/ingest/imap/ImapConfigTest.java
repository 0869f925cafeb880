package org.tlsrpt.ingest.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImapConfigTest {

    private static final String SECRET = "hunter2-very-secret";

    @Test
    void portZeroIsPort143ForStartTls() {
        MailboxConfig mailbox = TestImapConfig.mailbox("imap.example.net", 0, "tlsrpt", SECRET);

        assertThat(mailbox.tls()).isEqualTo(TlsMode.STARTTLS);
        assertThat(mailbox.port()).isEqualTo(143);
        assertThat(mailbox.origin()).isEqualTo("tlsrpt@imap.example.net");
    }

    @Test
    void imapsDefaultsToPort993() {
        assertThat(TestImapConfig.mailbox("imap.example.net", 0, "tlsrpt", SECRET).withTls(TlsMode.IMAPS).port())
                .isEqualTo(993);
    }

    @Test
    void startTlsIsRequiredNotMerelyAttempted() {
        Properties props = SessionProperties.of(TestImapConfig.mailbox("imap.example.net", 0, "u", SECRET),
                TestImapConfig.imap(List.of(TestImapConfig.mailbox("imap.example.net", 0, "u", SECRET))));

        assertThat(props).containsEntry("mail.imap.starttls.enable", "true")
                .containsEntry("mail.imap.starttls.required", "true")
                .containsEntry("mail.imap.ssl.checkserveridentity", "true")
                .containsEntry("mail.imap.peek", "true");
        assertThat(props.values()).doesNotContain(SECRET);
    }

    @Test
    void plainImapIsOnlyUsedWhenAskedFor() {
        MailboxConfig plain = TestImapConfig.mailbox("127.0.0.1", 1143, "u", SECRET).withTls(TlsMode.PLAIN);

        Properties props = SessionProperties.of(plain, TestImapConfig.imap(List.of(plain)));

        assertThat(props).containsEntry("mail.imap.starttls.enable", "false")
                .doesNotContainKey("mail.imap.starttls.required");
    }

    @Test
    void theConfigNeverShowsThePassword(@TempDir Path dir) throws Exception {
        MailboxConfig mailbox = TestImapConfig.mailbox("imap.example.net", 0, "tlsrpt", SECRET);
        ImapConfig config = TestImapConfig.imap(List.of(mailbox));

        assertThat(mailbox.toString()).doesNotContain(SECRET).contains("tlsrpt@imap.example.net", "***");
        assertThat(config.toString()).doesNotContain(SECRET);

        Path file = Files.writeString(dir.resolve("password"), SECRET + "\n");
        MailboxConfig fromFile = TestImapConfig.mailboxWithPasswordFile("imap.example.net", 0, "tlsrpt", file);
        assertThat(fromFile.toString()).doesNotContain(SECRET).contains(file.toString());
        assertThat(fromFile.resolvePassword()).as("trailing line break dropped").isEqualTo(SECRET);
    }

    @Test
    void aMailboxNeedsExactlyOneOfPasswordAndPasswordFile() {
        assertThatThrownBy(() -> new MailboxConfig("h", 0, "u", null, null, null, null, null, null, null))
                .hasMessageContaining("exactly one of password and password file");
        assertThatThrownBy(() -> new MailboxConfig("h", 0, "u", SECRET, Path.of("/p"), null, null, null, null,
                null))
                .hasMessageContaining("exactly one of password and password file")
                .message().doesNotContain(SECRET);
    }

    @Test
    void processedAndInvalidFoldersMustDifferFromThePolledOne() {
        assertThatThrownBy(() -> TestImapConfig.mailbox("h", 0, "u", SECRET)
                .withFolders("INBOX", "INBOX", "invalid"))
                .hasMessageContaining("must differ from the polled folder");
    }

    @Test
    void theConnectionTimingDefaultsAreThoseDocumented() {
        ImapConfig config = TestImapConfig.imap(List.of(TestImapConfig.mailbox("h", 0, "u", SECRET)));

        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.backoffInitial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.backoffMax()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void idleLongerThanTheReadTimeoutIsRefusedAtStart() {
        List<MailboxConfig> mailboxes = List.of(TestImapConfig.mailbox("h", 0, "u", SECRET));

        assertThatThrownBy(() -> TestImapConfig.polling(mailboxes).every(Duration.ofMinutes(5), true).build())
                .hasMessageContaining("must exceed the poll interval");
        assertThat(TestImapConfig.polling(mailboxes).every(Duration.ofMinutes(5), false).build().pollInterval())
                .as("without IDLE the read timeout does not bound the interval").isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void anEmptyMailboxListOrBatchIsRefused() {
        assertThatThrownBy(() -> TestImapConfig.imap(List.of())).hasMessageContaining("at least one mailbox");
        assertThatThrownBy(() -> TestImapConfig.polling(List.of(TestImapConfig.mailbox("h", 0, "u", SECRET)))
                .batchSize(0).build())
                .hasMessageContaining("batch size");
    }
}
