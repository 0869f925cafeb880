package org.tlsrpt.ingest.imap;

import java.time.Duration;
import java.util.List;

/**
 * How the IMAP poller runs. The first five are the operator's settings ({@code tlsrpt.ingest.imap.*} in the app),
 * whose defaults are written there only; {@link #of} adds the connection timing listed here.
 *
 * @param mailboxes        the mailboxes to poll, each on its own thread; at least one
 * @param batchSize        most unseen messages fetched and handled at a time
 * @param pollInterval     how often a mailbox is searched when nothing wakes the poller, and the longest one IDLE
 *                         lasts before it is renewed
 * @param idle             use IMAP IDLE (RFC 2177) where the server offers it, to hear of new mail at once;
 *                         ignored when the server does not offer it
 * @param maxMessageBytes  largest message read; bigger ones go to the invalid folder unread
 * @param connectTimeout   TCP connect timeout; default 30 s
 * @param readTimeout      socket read timeout; must exceed {@code pollInterval} when IDLE is on; default 120 s
 * @param backoffInitial   first wait after a connection error or an unavailable intake; doubled at each failure;
 *                         default 1 s
 * @param backoffMax       longest such wait; default 5 min
 */
public record ImapConfig(
        List<MailboxConfig> mailboxes,
        int batchSize,
        Duration pollInterval,
        boolean idle,
        long maxMessageBytes,
        Duration connectTimeout,
        Duration readTimeout,
        Duration backoffInitial,
        Duration backoffMax) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(120);
    public static final Duration DEFAULT_BACKOFF_INITIAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofMinutes(5);

    public ImapConfig {
        mailboxes = List.copyOf(mailboxes);
        if (mailboxes.isEmpty()) {
            throw new IllegalArgumentException("at least one mailbox is required");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive: " + batchSize);
        }
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("max message bytes must be positive: " + maxMessageBytes);
        }
        requirePositive(pollInterval, "poll interval");
        requirePositive(connectTimeout, "connect timeout");
        requirePositive(readTimeout, "read timeout");
        requirePositive(backoffInitial, "initial backoff");
        requirePositive(backoffMax, "maximum backoff");
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("maximum backoff " + backoffMax + " is below the initial backoff "
                    + backoffInitial);
        }
        if (idle && readTimeout.compareTo(pollInterval) <= 0) {
            throw new IllegalArgumentException("read timeout " + readTimeout + " must exceed the poll interval "
                    + pollInterval + ": IDLE waits that long for the server to speak");
        }
    }

    /** The operator's settings with the default connection timing. */
    public static ImapConfig of(List<MailboxConfig> mailboxes, int batchSize, Duration pollInterval, boolean idle,
            long maxMessageBytes) {
        return new ImapConfig(mailboxes, batchSize, pollInterval, idle, maxMessageBytes, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_READ_TIMEOUT, DEFAULT_BACKOFF_INITIAL, DEFAULT_BACKOFF_MAX);
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
