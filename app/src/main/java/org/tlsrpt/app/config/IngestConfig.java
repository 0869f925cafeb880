package org.tlsrpt.app.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.tlsrpt.core.Limits;
import org.tlsrpt.ingest.dkim.DkimPolicy;
import org.tlsrpt.ingest.imap.TlsMode;

/**
 * Settings of the ingest role ({@code tlsrpt.ingest.*}), with their defaults: the one place they are written. The
 * channels map each part once onto the record the ingest library takes ({@code SmtpConfig}, {@code ImapConfig},
 * {@code DkimConfig}, the upload route's limits).
 */
@ConfigMapping(prefix = "tlsrpt.ingest")
public interface IngestConfig {

    /** Policy domains served here (exact, or {@code .example.com} for a suffix); absent: every domain. */
    Optional<List<String>> allowedDomains();

    /**
     * Reports for domains outside {@link #allowedDomains()} still kept in quarantine (reason
     * {@code domain-not-allowed}) per UTC day and process, so that an operator can see what was refused; the rest
     * are only counted.
     */
    @WithDefault("10")
    int refusedSamplePerDay();

    /** Daily quotas, so that no one sender can fill the disk. */
    Quota quota();

    /** {@code record}: keep the DKIM verdict; {@code require}: quarantine mailed reports without a valid signature. */
    @WithDefault("record")
    DkimPolicy dkimPolicy();

    /**
     * Most bytes decompressed from one input (an HTTP body, a mail, an imported file), all its zip entries and MIME
     * parts together: the part that passes it is refused as {@code input-budget-exceeded} and the parts after it
     * are not read. Absent: {@link Limits#DEFAULTS}' 64 MiB. Keep it well under the heap (see docs/ingest.md).
     */
    OptionalLong maxDecompressedBytesPerInput();

    /** The decoding limits of the ingest: the defaults, with this configuration's budget per input. */
    default Limits limits() {
        OptionalLong budget = maxDecompressedBytesPerInput();
        return budget.isPresent() ? Limits.DEFAULTS.withMaxInputDecompressedBytes(budget.getAsLong()) : Limits.DEFAULTS;
    }

    /** How long a channel waits for Kafka to acknowledge before answering 503 / 451. */
    @WithDefault("10s")
    Duration ackTimeout();

    Http http();

    Imap imap();

    Smtp smtp();

    Dkim dkim();

    interface Quota {
        /**
         * Bytes one client address (IPv6: one /64) may have stored per UTC day over HTTP and SMTP, then HTTP 429 /
         * SMTP 452 until midnight UTC; 0: no limit. Counted per ingest process.
         */
        @WithDefault("1073741824")
        long bytesPerClientPerDay();

        /** Reports one reporting organisation may have stored per UTC day (HTTP, SMTP, IMAP); 0: no limit. */
        @WithDefault("1000000")
        long reportsPerOrganisationPerDay();
    }

    interface Http {
        /** Largest body accepted, after Content-Encoding; keep equal to quarkus.http.limits.max-body-size. */
        @WithDefault("20971520")
        long maxBodySize();

        /** Reports one client address may post per minute. */
        @WithDefault("600")
        int ratePerMinute();

        /** Reports one client may post at once before the rate applies. */
        @WithDefault("60")
        int burst();

        /** Time from a request's headers to the end of its body; a slower client gets 408 and is disconnected. */
        @WithDefault("120s")
        Duration bodyDeadline();
    }

    interface Imap {
        /**
         * Mailboxes to poll, each under a name of your choice, e.g. {@code tlsrpt.ingest.imap.mailboxes.main.host}.
         * None: IMAP polling is off.
         */
        Map<String, Mailbox> mailboxes();

        /** Unseen messages fetched per round trip. */
        @WithDefault("50")
        int batchSize();

        /** How often to poll, and to renew IDLE. */
        @WithDefault("60s")
        Duration pollInterval();

        /** Use IMAP IDLE where the server offers it, to see new mail at once. */
        @WithDefault("true")
        boolean idle();

        /**
         * Largest message read; a bigger one (by the size the server reports) is moved to the invalid folder
         * without being downloaded.
         */
        @WithDefault("20971520")
        long maxMessageSize();
    }

    interface Mailbox {
        String host();

        /** 0: 993 for IMAPS, else 143. */
        @WithDefault("0")
        int port();

        String user();

        /** The password; prefer {@link #passwordFile()}, which keeps it out of the environment. Never logged. */
        Optional<String> password();

        Optional<Path> passwordFile();

        @WithDefault("INBOX")
        String folder();

        @WithDefault("processed")
        String processedFolder();

        @WithDefault("invalid")
        String invalidFolder();

        /** {@code imaps}, {@code starttls} (required, the default) or {@code plain} (tests only). */
        @WithDefault("starttls")
        TlsMode tls();

        /** PEM certificate(s) to trust for a self-signed server. */
        Optional<Path> trustedCertificate();
    }

    interface Smtp {
        /** Receive reports by SMTP in the ingest role. */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("0.0.0.0")
        String host();

        /** 25 in production behind a LoadBalancer; 2525 so that the embedded default needs no privileges. */
        @WithDefault("2525")
        int port();

        /** Accepted recipients: addresses or {@code @domain}; absent: accept all. */
        Optional<List<String>> recipients();

        /** PEM certificate for STARTTLS; with {@link #tlsKey()}, STARTTLS is offered. */
        Optional<Path> tlsCertificate();

        /** PEM (PKCS#8) private key for STARTTLS. */
        Optional<Path> tlsKey();

        @WithDefault("20971520")
        int maxMessageSize();

        @WithDefault("10")
        int maxRecipients();

        @WithDefault("100")
        int maxConnections();

        @WithDefault("60s")
        Duration idleTimeout();
    }

    interface Dkim {
        /** DNS server for DKIM keys ({@code host[:port]}); absent: the system's resolvers. */
        Optional<String> resolver();

        @WithDefault("5s")
        Duration timeout();
    }
}
