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

    /** Batches of 50, polled every 60 s, with IDLE, messages up to 20 MiB, the library's connection timing. */
    public static ImapConfig imap(List<MailboxConfig> mailboxes) {
        return polling(mailboxes).build();
    }

    /** {@link #imap}'s values, for a test to change what it is about. */
    public static Polling polling(List<MailboxConfig> mailboxes) {
        return new Polling(mailboxes);
    }

    /** Builds an {@link ImapConfig}. */
    public static final class Polling {

        private final List<MailboxConfig> mailboxes;
        private int batchSize = 50;
        private Duration interval = Duration.ofSeconds(60);
        private boolean idle = true;
        private long maxMessageBytes = 20 * 1024 * 1024;
        private Duration backoffInitial = ImapConfig.DEFAULT_BACKOFF_INITIAL;
        private Duration backoffMax = ImapConfig.DEFAULT_BACKOFF_MAX;

        private Polling(List<MailboxConfig> mailboxes) {
            this.mailboxes = mailboxes;
        }

        public Polling batchSize(int size) {
            this.batchSize = size;
            return this;
        }

        public Polling every(Duration pollInterval, boolean useIdle) {
            this.interval = pollInterval;
            this.idle = useIdle;
            return this;
        }

        public Polling maxMessageBytes(long max) {
            this.maxMessageBytes = max;
            return this;
        }

        public Polling backoff(Duration initial, Duration max) {
            this.backoffInitial = initial;
            this.backoffMax = max;
            return this;
        }

        /** The record, checked as the app's configuration is. */
        public ImapConfig build() {
            return new ImapConfig(mailboxes, batchSize, interval, idle, maxMessageBytes,
                    ImapConfig.DEFAULT_CONNECT_TIMEOUT, ImapConfig.DEFAULT_READ_TIMEOUT, backoffInitial, backoffMax);
        }
    }
}
