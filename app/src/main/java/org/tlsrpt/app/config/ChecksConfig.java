package org.tlsrpt.app.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.tlsrpt.checks.CheckSettings;

/**
 * How the live checks of a domain run ({@code tlsrpt.checks.*}, or {@code TLSRPT_CHECKS_*} environment
 * variables): {@code tlsrpt check-domain} now, the scheduled checks later. The defaults are those of
 * {@link CheckSettings#DEFAULTS} (ChecksConfigTest keeps the two equal).
 */
@ConfigMapping(prefix = "tlsrpt.checks")
public interface ChecksConfig {

    /** DNS resolver as {@code host} or {@code host:port}; absent: the system's (/etc/resolv.conf). */
    Optional<String> resolver();

    /** DNSSEC trust anchors, DS or DNSKEY records in zone file syntax; absent: the root's (KSK-2017, KSK-2024). */
    Optional<Path> trustAnchors();

    /** A PEM file of CAs trusted besides the JDK's WebPKI roots (for MX and mta-sts certificates). */
    Optional<Path> trustStore();

    /** Port of the MX hosts' SMTP. */
    @WithDefault("25")
    int smtpPort();

    /** Port of the mta-sts hosts' HTTPS. */
    @WithDefault("443")
    int httpsPort();

    /** Let probes go to loopback, private, link-local and similar addresses (off: a domain could aim us inside). */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /** How often the scheduled checks run for each domain. */
    @WithDefault("6h")
    Duration interval();

    /** Bound of one DNS query. */
    @WithDefault("5s")
    Duration dnsTimeout();

    /** Bound of one TCP connect to an MX or mta-sts host. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** Bound of each read in the SMTP, TLS and HTTP exchanges (and of a whole policy download). */
    @WithDefault("30s")
    Duration ioTimeout();

    /** Probes (MX hosts, policy fetches) running at once. */
    @WithDefault("8")
    int concurrency();

    /** A certificate with fewer days left is reported as certificate-expiring. */
    @WithDefault("14")
    int expiryWarningDays();

    /** The name the checks greet MX hosts with in EHLO. */
    @WithDefault("tlsrpt-check.invalid")
    String ehloName();

    /** The library's settings; throws IllegalArgumentException for values it cannot run with. */
    default CheckSettings settings() {
        return new CheckSettings(resolver(), trustAnchors(), trustStore(), smtpPort(), httpsPort(),
                allowPrivateTargets(), dnsTimeout(), connectTimeout(), ioTimeout(), concurrency(),
                expiryWarningDays(), ehloName());
    }
}
