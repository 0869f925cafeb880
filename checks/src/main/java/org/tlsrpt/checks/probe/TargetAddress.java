package org.tlsrpt.checks.probe;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Whether a probe may go to an address. A domain decides what its MX and {@code mta-sts} names resolve to, so
 * without this rule anyone could make the checker knock on the collector's own network (loopback, private
 * ranges, link-local, cloud metadata at 169.254.169.254). Tests and intranet setups allow them explicitly.
 */
public final class TargetAddress {

    private TargetAddress() {
    }

    /** Empty when a probe may go there; otherwise what kind of address it is. */
    public static java.util.Optional<String> refusal(InetAddress address, boolean allowPrivate) {
        if (allowPrivate) {
            return java.util.Optional.empty();
        }
        String kind = kind(address);
        return kind == null ? java.util.Optional.empty() : java.util.Optional.of(kind);
    }

    static String kind(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0 || first >= 240) {
                return "reserved";
            }
            if (first == 100 && second >= 64 && second < 128) {
                return "shared (carrier-grade NAT)";
            }
            if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
                return "IETF protocol assignments";
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return "benchmarking";
            }
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return "unique local";
            }
            if (isMappedV4(b)) {
                try {
                    return kind(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (java.net.UnknownHostException e) {
                    return "invalid";
                }
            }
        }
        return null;
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
