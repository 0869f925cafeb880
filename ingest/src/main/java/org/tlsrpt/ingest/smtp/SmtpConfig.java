package org.tlsrpt.ingest.smtp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How the SMTP intake listens and what it accepts. Invalid values are refused when the record is built, with the
 * reason, so that a bad configuration stops the program at start and not at the first mail. The defaults are the
 * operator's settings ({@code tlsrpt.ingest.smtp.*} in the app), written there only.
 *
 * @param bindHost           address to listen on, e.g. {@code 0.0.0.0} (all interfaces)
 * @param port               TCP port; 0 picks a free port (see {@link SmtpIntake#port()})
 * @param hostName           the name in the greeting and in replies; null uses the machine's name
 * @param tls                PEM certificate and key for STARTTLS; null to offer no STARTTLS
 * @param recipients         accepted recipients, each an exact address ({@code tlsrpt@example.com}) or a whole domain
 *                           ({@code @example.com}); empty accepts every recipient
 * @param maxMessageSize     largest message in bytes, advertised with SIZE and enforced while receiving
 * @param maxRecipients      RCPT TO commands accepted per message
 * @param maxConnections     concurrent SMTP connections
 * @param idleTimeout        how long the server waits for the client's next line or data before closing
 */
public record SmtpConfig(
        String bindHost,
        int port,
        String hostName,
        Tls tls,
        List<String> recipients,
        int maxMessageSize,
        int maxRecipients,
        int maxConnections,
        Duration idleTimeout) {

    /** A PEM certificate chain and its PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}). */
    public record Tls(Path certificate, Path key) {
        public Tls {
            Objects.requireNonNull(certificate, "tls certificate");
            Objects.requireNonNull(key, "tls key");
        }
    }

    public SmtpConfig {
        Objects.requireNonNull(bindHost, "bindHost");
        if (bindHost.isBlank()) {
            throw new IllegalArgumentException("bindHost must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535 (0 = any free port), was " + port);
        }
        if (tls != null) {
            requireReadable(tls.certificate(), "tls certificate");
            requireReadable(tls.key(), "tls key");
        }
        recipients = recipients == null ? List.of() : recipients.stream().map(SmtpConfig::recipient).toList();
        if (maxMessageSize < 1024) {
            throw new IllegalArgumentException("maxMessageSize must be at least 1024 bytes, was " + maxMessageSize);
        }
        if (maxMessageSize > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("maxMessageSize must be below 1 GiB, was " + maxMessageSize);
        }
        if (maxRecipients < 1) {
            throw new IllegalArgumentException("maxRecipients must be at least 1, was " + maxRecipients);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, was " + maxConnections);
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero() || idleTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("idleTimeout must be positive and below 24 days, was " + idleTimeout);
        }
    }

    private static String recipient(String entry) {
        String value = Objects.requireNonNull(entry, "recipient").trim().toLowerCase(Locale.ROOT);
        int at = value.indexOf('@');
        boolean valid = at >= 0 && at == value.lastIndexOf('@') && at < value.length() - 1
                && value.indexOf('.', at) > at + 1 && !value.endsWith(".") && value.chars().noneMatch(c -> c <= ' ');
        if (!valid) {
            throw new IllegalArgumentException(
                    "recipient must be an address (tlsrpt@example.com) or a domain (@example.com), was '" + entry + "'");
        }
        return value;
    }

    private static void requireReadable(Path file, String what) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(what + " is not a readable file: " + file);
        }
    }
}
