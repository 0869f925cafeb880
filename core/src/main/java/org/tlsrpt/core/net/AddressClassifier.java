package org.tlsrpt.core.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Classifies IP addresses for the SSRF policies of webhook deliveries and of the checks' probes. IPv6 forms
 * that carry an IPv4 address (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d}, NAT64
 * {@code 64:ff9b::/96} and 6to4 {@code 2002::/16}) are classified by that IPv4 address, so {@code ::ffff:127.0.0.1}
 * is loopback.
 */
public final class AddressClassifier {

    private AddressClassifier() {
    }

    public static AddressClass classify(InetAddress address) {
        if (address instanceof Inet4Address) {
            return classifyV4(address.getAddress());
        }
        byte[] b = address.getAddress();
        byte[] embedded = embeddedV4(b);
        if (embedded != null) {
            return classifyV4(embedded);
        }
        if (address.isAnyLocalAddress()) {
            return AddressClass.ANY_LOCAL;
        }
        if (address.isLoopbackAddress()) {
            return AddressClass.LOOPBACK;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0xff) {
            return AddressClass.MULTICAST;
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return AddressClass.LINK_LOCAL; // fe80::/10
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {
            return AddressClass.PRIVATE; // fec0::/10, deprecated site-local
        }
        if ((first & 0xfe) == 0xfc) {
            return AddressClass.UNIQUE_LOCAL; // fc00::/7
        }
        if (first == 0x01 && second == 0x00 && isZero(b, 2, 8)) {
            return AddressClass.RESERVED; // 100::/64 discard-only
        }
        if (first == 0x20 && second == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return AddressClass.RESERVED; // 2001:db8::/32 documentation
        }
        return AddressClass.PUBLIC;
    }

    static AddressClass classifyV4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0 && isZero(b, 1, 4)) {
            return AddressClass.ANY_LOCAL;
        }
        if (first == 0) {
            return AddressClass.RESERVED; // 0/8 "this network"
        }
        if (first == 127) {
            return AddressClass.LOOPBACK;
        }
        if (first == 169 && second == 254) {
            return AddressClass.LINK_LOCAL; // includes 169.254.169.254, the cloud metadata service
        }
        if (first == 10 || (first == 172 && (second & 0xf0) == 16) || (first == 192 && second == 168)) {
            return AddressClass.PRIVATE;
        }
        if (first == 100 && (second & 0xc0) == 64) {
            return AddressClass.CARRIER_GRADE_NAT; // 100.64/10
        }
        if (first >= 224 && first <= 239) {
            return AddressClass.MULTICAST;
        }
        if (first >= 240) {
            return AddressClass.RESERVED; // 240/4 and the broadcast address
        }
        if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
            return AddressClass.RESERVED; // 192.0.0/24 protocol assignments
        }
        if (first == 198 && (second & 0xfe) == 18) {
            return AddressClass.RESERVED; // 198.18/15 benchmarking
        }
        return AddressClass.PUBLIC;
    }

    /** The IPv4 address an IPv6 address stands for, or null. */
    static byte[] embeddedV4(byte[] b) {
        if (b.length != 16) {
            return null;
        }
        if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return Arrays.copyOfRange(b, 12, 16); // ::ffff:a.b.c.d
        }
        if (isZero(b, 0, 12) && !isZero(b, 12, 15)) {
            return Arrays.copyOfRange(b, 12, 16); // ::a.b.c.d (not :: or ::1)
        }
        if ((b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && isZero(b, 4, 12)) {
            return Arrays.copyOfRange(b, 12, 16); // 64:ff9b::/96 NAT64
        }
        if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            return Arrays.copyOfRange(b, 2, 6); // 2002::/16 6to4
        }
        return null;
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** An address from its literal bytes, without any name lookup. */
    public static InetAddress of(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes", e);
        }
    }
}
