package org.tlsrpt.app.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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

    /**
     * Whether this process runs the scheduled checks (with the api role): every domain reports arrived for in the
     * last {@code reported-days} days and every domain of {@code domains}, each every {@code interval}, by one
     * instance of the cluster at a time (the {@code domain-checks} lease).
     */
    @WithDefault("true")
    boolean scheduled();

    /** Domains checked on schedule whether or not reports arrived for them. */
    Optional<List<String>> domains();

    /** Domains with reports in this many days are checked on schedule. */
    @WithDefault("30")
    int reportedDays();

    /** At most this many domains checked per round (the longest unchecked first); the rest follow next round. */
    @WithDefault("10000")
    int maxDomains();

    /**
     * At most this many domains per round that only reports name, after the {@code domains} and those named by
     * tokens' scopes and alert rules: anyone may post a report naming any domain, and each is a domain we probe.
     */
    @WithDefault("100")
    int maxReportedOnly();

    /** How often the scheduler looks for domains due; a check is due {@code interval} after the last. */
    @WithDefault("1m")
    Duration tick();

    /** How long the scheduling instance holds the lease without renewing it (it renews before each domain). */
    @WithDefault("5m")
    Duration lease();

    /** A token may have a domain checked now ({@code POST /api/v1/domains/{d}/checks}) once per this time. */
    @WithDefault("1m")
    Duration runNowSpacing();

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

    /** MX hosts probed at most per check, the most preferred first; the rest are reported as not probed. */
    @WithDefault("10")
    int maxMxHosts();

    /** The library's settings; throws IllegalArgumentException for values it cannot run with. */
    default CheckSettings settings() {
        return new CheckSettings(resolver(), trustAnchors(), trustStore(), smtpPort(), httpsPort(),
                allowPrivateTargets(), dnsTimeout(), connectTimeout(), ioTimeout(), concurrency(),
                expiryWarningDays(), ehloName(), maxMxHosts());
    }
}
