package org.tlsrpt.ingest.imap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * {@link MailboxConfig}s and {@link ImapConfig}s for tests, with the values the app's {@code tlsrpt.ingest.imap.*}
 * settings default to; each test changes what it is about with the {@code with…} methods.
 */
public final class TestImapConfig {

    private TestImapConfig() {
    }

    /** Folders {@code INBOX}, {@code processed} and {@code invalid}, STARTTLS required. */
    public static MailboxConfig mailbox(String host, int port, String user, String password) {
        return new MailboxConfig(host, port, user, Objects.requireNonNull(password, "password"), null, "INBOX",
                "processed", "invalid", TlsMode.STARTTLS, null);
    }

    public static MailboxConfig mailboxWithPasswordFile(String host, int port, String user, Path passwordFile) {
        return new MailboxConfig(host, port, user, null, Objects.requireNonNull(passwordFile, "passwordFile"),
                "INBOX", "processed", "invalid", TlsMode.STARTTLS, null);
    }

    /** Batches of 50, polled every 60 s, with IDLE, messages up to 20 MiB. */
    public static ImapConfig imap(List<MailboxConfig> mailboxes) {
        return ImapConfig.of(mailboxes, 50, Duration.ofSeconds(60), true, 20 * 1024 * 1024);
    }
}
