package org.tlsrpt.ingest;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Bytes as a channel received them, before anything is decided about them.
 *
 * @param declaredType the media type the transport declared (HTTP Content-Type), or null
 * @param fileName     a file name the transport gave, or null
 * @param origin       who sent it: the client address for HTTP and SMTP, the mailbox for IMAP
 * @param coordinates  where to find the original again (SMTP: helo, mail-from, rcpt-to, queue id; IMAP: mailbox,
 *                     folder, uid; HTTP: path); kept with quarantined items. Never holds secrets.
 * @param dkim         the DKIM verdict when the channel is mail, else null
 */
public record Intake(
        Channel channel,
        byte[] raw,
        String declaredType,
        String fileName,
        Instant receivedAt,
        String origin,
        Map<String, String> coordinates,
        DkimVerdict dkim) {

    public Intake {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(receivedAt, "receivedAt");
        coordinates = Map.copyOf(coordinates);
    }
}
