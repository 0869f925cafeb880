package org.tlsrpt.ingest.dkim;

import java.time.Duration;
import java.util.Objects;

/**
 * How DKIM signatures are checked. What a verdict means for the report ({@link DkimPolicy}) is the intake's
 * business, not the verifier's.
 *
 * @param resolver      the DNS server asked for keys, {@code host:port} or {@code host} (port 53), IPv6 as
 *                      {@code [::1]:53}; null uses the system's resolvers ({@code /etc/resolv.conf})
 * @param timeout       how long one key lookup may take before the verdict is TEMPERROR (the operator's setting
 *                      {@code tlsrpt.ingest.dkim.timeout}, whose default is written in the app)
 * @param maxSignatures signatures checked per message (each may cost a DNS lookup); more than that is a FAIL; 5
 */
public record DkimConfig(String resolver, Duration timeout, int maxSignatures) {

    public static final int DEFAULT_MAX_SIGNATURES = 5;

    public DkimConfig {
        if (resolver != null && resolver.isBlank()) {
            resolver = null;
        }
        if (resolver != null) {
            Resolvers.address(resolver); // refuses a malformed address now, not at the first mail
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("DKIM DNS timeout must be between 0 and 1 minute, was " + timeout);
        }
        if (maxSignatures < 1 || maxSignatures > 50) {
            throw new IllegalArgumentException("maxSignatures must be 1..50, was " + maxSignatures);
        }
    }

    /** The operator's settings with the default limit on signatures. */
    public static DkimConfig of(String resolver, Duration timeout) {
        return new DkimConfig(resolver, timeout, DEFAULT_MAX_SIGNATURES);
    }
}
