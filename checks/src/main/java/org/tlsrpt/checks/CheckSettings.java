package org.tlsrpt.checks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How checks run. {@link #DEFAULTS} is what an operator gets without configuring anything.
 *
 * @param resolver            DNS server as {@code host} or {@code host:port}; empty for the system's
 * @param trustAnchors        DNSSEC trust anchors (DS or DNSKEY records, zone file syntax); empty for the root's
 * @param trustStore          a PEM file of CAs trusted besides the JDK's WebPKI roots
 * @param smtpPort            port of the MX hosts' SMTP (25)
 * @param httpsPort           port of the {@code mta-sts} host's HTTPS (443)
 * @param allowPrivateTargets whether probes may go to loopback, private, link-local and similar addresses
 * @param dnsTimeout          bound of one DNS query
 * @param connectTimeout      bound of one TCP connect
 * @param ioTimeout           bound of each read during SMTP, TLS and HTTP exchanges
 * @param concurrency         at most this many probes (MX hosts, policy fetches) at once
 * @param expiryWarningDays   a certificate valid for fewer days is {@code certificate-expiring}
 * @param ehloName            the name we greet MX hosts with
 * @param maxMxHosts          MX hosts probed at most per check, the most preferred first (a domain could
 *                            publish hundreds and aim them at someone else); the rest are reported unprobed
 */
public record CheckSettings(Optional<String> resolver, Optional<Path> trustAnchors, Optional<Path> trustStore,
                            int smtpPort, int httpsPort, boolean allowPrivateTargets, Duration dnsTimeout,
                            Duration connectTimeout, Duration ioTimeout, int concurrency, int expiryWarningDays,
                            String ehloName, int maxMxHosts) {

    public static final CheckSettings DEFAULTS = new CheckSettings(Optional.empty(), Optional.empty(),
            Optional.empty(), 25, 443, false, Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30), 8, 14, "tlsrpt-check.invalid", 10);

    public CheckSettings {
        Objects.requireNonNull(resolver);
        Objects.requireNonNull(trustAnchors);
        Objects.requireNonNull(trustStore);
        if (smtpPort < 1 || smtpPort > 65535 || httpsPort < 1 || httpsPort > 65535) {
            throw new IllegalArgumentException("ports are 1 to 65535");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
        if (maxMxHosts < 1) {
            throw new IllegalArgumentException("max-mx-hosts must be at least 1");
        }
        if (dnsTimeout.isNegative() || dnsTimeout.isZero() || connectTimeout.isNegative() || connectTimeout.isZero()
                || ioTimeout.isNegative() || ioTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    public CheckSettings withResolver(String hostPort) {
        return new CheckSettings(Optional.of(hostPort), trustAnchors, trustStore, smtpPort, httpsPort,
                allowPrivateTargets, dnsTimeout, connectTimeout, ioTimeout, concurrency, expiryWarningDays, ehloName, maxMxHosts);
    }

    public CheckSettings withTrust(Path anchors, Path store) {
        return new CheckSettings(resolver, Optional.ofNullable(anchors), Optional.ofNullable(store), smtpPort,
                httpsPort, allowPrivateTargets, dnsTimeout, connectTimeout, ioTimeout, concurrency, expiryWarningDays,
                ehloName, maxMxHosts);
    }

    public CheckSettings withPorts(int smtp, int https, boolean allowPrivate) {
        return new CheckSettings(resolver, trustAnchors, trustStore, smtp, https, allowPrivate, dnsTimeout,
                connectTimeout, ioTimeout, concurrency, expiryWarningDays, ehloName, maxMxHosts);
    }
}
