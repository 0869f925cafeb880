package org.tlsrpt.core.message;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.tlsrpt.core.decode.Envelope;

/**
 * How some bytes reached tlsrpt, kept with every report and every quarantined item so both can be traced back
 * to their origin and re-processed.
 *
 * @param channel     {@code http}, {@code smtp}, {@code imap}, {@code file} or {@code reprocess}
 * @param origin      the client address, or the mailbox for IMAP
 * @param coordinates where the original can be found again (queue id, IMAP uid, ...); never secrets
 * @param location    where in the raw input the report was ({@code $}, {@code mime:2}); {@code $} for quarantine
 * @param rawSha256   hex SHA-256 of the raw bytes, which travel with the record
 * @param rawMediaType the media type the transport declared for the raw bytes, or null
 * @param envelope    what the transport said about the report (mail headers, file name)
 * @param dkim        {@code pass}, {@code fail}, {@code none}, {@code temperror}, or {@code not-checked}
 * @param dkimDomain  the signing domain that decided the DKIM result, or null
 * @param dkimAligned whether the signing domain is the submitter's
 */
public record Receipt(
        String channel,
        Instant receivedAt,
        String origin,
        Map<String, String> coordinates,
        String location,
        String rawSha256,
        String rawMediaType,
        Envelope envelope,
        String dkim,
        String dkimDomain,
        boolean dkimAligned) {

    public static final String DKIM_NOT_CHECKED = "not-checked";

    public Receipt {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(rawSha256, "rawSha256");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(dkim, "dkim");
        coordinates = Map.copyOf(coordinates);
    }
}
