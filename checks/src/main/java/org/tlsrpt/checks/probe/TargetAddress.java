package org.tlsrpt.checks.probe;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;
import org.tlsrpt.core.net.AddressClass;
import org.tlsrpt.core.net.AddressClassifier;

/**
 * Whether a probe may go to an address. A domain decides what its MX and {@code mta-sts} names resolve to, so
 * without this rule anyone could make the checker knock on the collector's own network (loopback, private
 * ranges, link-local, cloud metadata at 169.254.169.254). The classification is the one the webhooks' SSRF policy
 * uses. Tests and intranet setups allow non-public addresses explicitly.
 */
public final class TargetAddress {

    private TargetAddress() {
    }

    /** Empty when a probe may go there; otherwise what kind of address it is. */
    public static Optional<String> refusal(InetAddress address, boolean allowPrivate) {
        AddressClass kind = AddressClassifier.classify(address);
        if (allowPrivate || kind.isPublic()) {
            return Optional.empty();
        }
        return Optional.of(kind.name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }
}
