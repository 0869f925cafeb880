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
import org.tlsrpt.core.Limits;

class ImapConfigTest {

    private static final String SECRET = "hunter2-very-secret";

    @Test
    void aMailboxDefaultsToRequiredStartTlsOnPort143AndTheStandardFolders() {
        MailboxConfig mailbox = MailboxConfig.of("imap.example.net", 0, "tlsrpt", SECRET);

        assertThat(mailbox.tls()).isEqualTo(TlsMode.STARTTLS);
        assertThat(mailbox.port()).isEqualTo(143);
        assertThat(mailbox.folder()).isEqualTo("INBOX");
        assertThat(mailbox.processedFolder()).isEqualTo("processed");
        assertThat(mailbox.invalidFolder()).isEqualTo("invalid");
        assertThat(mailbox.origin()).isEqualTo("tlsrpt@imap.example.net");
    }

    @Test
    void imapsDefaultsToPort993() {
        assertThat(MailboxConfig.of("imap.example.net", 0, "tlsrpt", SECRET).withTls(TlsMode.IMAPS).port())
                .isEqualTo(993);
    }

    @Test
    void startTlsIsRequiredNotMerelyAttempted() {
        Properties props = SessionProperties.of(MailboxConfig.of("imap.example.net", 0, "u", SECRET),
                ImapConfig.of(List.of(MailboxConfig.of("imap.example.net", 0, "u", SECRET))));

        assertThat(props).containsEntry("mail.imap.starttls.enable", "true")
                .containsEntry("mail.imap.starttls.required", "true")
                .containsEntry("mail.imap.ssl.checkserveridentity", "true")
                .containsEntry("mail.imap.peek", "true");
        assertThat(props.values()).doesNotContain(SECRET);
    }

    @Test
    void plainImapIsOnlyUsedWhenAskedFor() {
        MailboxConfig plain = MailboxConfig.of("127.0.0.1", 1143, "u", SECRET).withTls(TlsMode.PLAIN);

        Properties props = SessionProperties.of(plain, ImapConfig.of(List.of(plain)));

        assertThat(props).containsEntry("mail.imap.starttls.enable", "false")
                .doesNotContainKey("mail.imap.starttls.required");
    }

    @Test
    void theConfigNeverShowsThePassword(@TempDir Path dir) throws Exception {
        MailboxConfig mailbox = MailboxConfig.of("imap.example.net", 0, "tlsrpt", SECRET);
        ImapConfig config = ImapConfig.of(List.of(mailbox));

        assertThat(mailbox.toString()).doesNotContain(SECRET).contains("tlsrpt@imap.example.net", "***");
        assertThat(config.toString()).doesNotContain(SECRET);

        Path file = Files.writeString(dir.resolve("password"), SECRET + "\n");
        MailboxConfig fromFile = MailboxConfig.withPasswordFile("imap.example.net", 0, "tlsrpt", file);
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
        assertThatThrownBy(() -> MailboxConfig.of("h", 0, "u", SECRET).withFolders("INBOX", "INBOX", null))
                .hasMessageContaining("must differ from the polled folder");
    }

    @Test
    void theDefaultsAreThoseDocumented() {
        ImapConfig config = ImapConfig.of(List.of(MailboxConfig.of("h", 0, "u", SECRET)));

        assertThat(config.batchSize()).isEqualTo(50);
        assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.idle()).isTrue();
        assertThat(config.maxMessageBytes()).isEqualTo(Limits.DEFAULTS.maxMessageBytes());
        assertThat(config.backoffInitial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.backoffMax()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void idleLongerThanTheReadTimeoutIsRefusedAtStart() {
        ImapConfig config = ImapConfig.of(List.of(MailboxConfig.of("h", 0, "u", SECRET)));

        assertThatThrownBy(() -> config.withPolling(Duration.ofMinutes(5), true))
                .hasMessageContaining("must exceed the poll interval");
        assertThat(config.withPolling(Duration.ofMinutes(5), false).pollInterval())
                .as("without IDLE the read timeout does not bound the interval").isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void anEmptyMailboxListOrBatchIsRefused() {
        assertThatThrownBy(() -> ImapConfig.of(List.of())).hasMessageContaining("at least one mailbox");
        assertThatThrownBy(() -> ImapConfig.of(List.of(MailboxConfig.of("h", 0, "u", SECRET))).withBatchSize(0))
                .hasMessageContaining("batch size");
    }
}
