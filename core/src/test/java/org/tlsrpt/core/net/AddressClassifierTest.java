package org.tlsrpt.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class AddressClassifierTest {

    @Test
    void wellKnownNonPublicAddressesAreClassifiedByTheirRange() throws Exception {
        assertThat(classify("127.0.0.1")).isEqualTo(AddressClass.LOOPBACK);
        assertThat(classify("127.255.1.2")).isEqualTo(AddressClass.LOOPBACK);
        assertThat(classify("::1")).isEqualTo(AddressClass.LOOPBACK);
        assertThat(classify("0.0.0.0")).isEqualTo(AddressClass.ANY_LOCAL);
        assertThat(classify("::")).isEqualTo(AddressClass.ANY_LOCAL);
        assertThat(classify("169.254.169.254")).isEqualTo(AddressClass.LINK_LOCAL);
        assertThat(classify("fe80::1")).isEqualTo(AddressClass.LINK_LOCAL);
        assertThat(classify("10.1.2.3")).isEqualTo(AddressClass.PRIVATE);
        assertThat(classify("172.16.0.1")).isEqualTo(AddressClass.PRIVATE);
        assertThat(classify("172.31.255.255")).isEqualTo(AddressClass.PRIVATE);
        assertThat(classify("192.168.1.1")).isEqualTo(AddressClass.PRIVATE);
        assertThat(classify("100.64.0.1")).isEqualTo(AddressClass.CARRIER_GRADE_NAT);
        assertThat(classify("100.127.255.255")).isEqualTo(AddressClass.CARRIER_GRADE_NAT);
        assertThat(classify("fc00::1")).isEqualTo(AddressClass.UNIQUE_LOCAL);
        assertThat(classify("fd12:3456::1")).isEqualTo(AddressClass.UNIQUE_LOCAL);
        assertThat(classify("224.0.0.1")).isEqualTo(AddressClass.MULTICAST);
        assertThat(classify("ff02::1")).isEqualTo(AddressClass.MULTICAST);
        assertThat(classify("255.255.255.255")).isEqualTo(AddressClass.RESERVED);
    }

    @Test
    void ipv6FormsThatCarryAnIpv4AddressAreClassifiedByThatAddress() throws Exception {
        assertThat(classify("::ffff:127.0.0.1")).isEqualTo(AddressClass.LOOPBACK);
        assertThat(classify("::ffff:169.254.169.254")).isEqualTo(AddressClass.LINK_LOCAL);
        assertThat(classify("::10.0.0.1")).isEqualTo(AddressClass.PRIVATE);
        assertThat(classify("64:ff9b::192.168.0.1")).isEqualTo(AddressClass.PRIVATE);
        assertThat(classify("2002:7f00:1::")).isEqualTo(AddressClass.LOOPBACK);
        assertThat(classify("::ffff:8.8.8.8")).isEqualTo(AddressClass.PUBLIC);
    }

    @Test
    void neighboursOfPrivateRangesArePublic() throws Exception {
        assertThat(classify("172.15.255.255")).isEqualTo(AddressClass.PUBLIC);
        assertThat(classify("172.32.0.0")).isEqualTo(AddressClass.PUBLIC);
        assertThat(classify("100.63.255.255")).isEqualTo(AddressClass.PUBLIC);
        assertThat(classify("100.128.0.0")).isEqualTo(AddressClass.PUBLIC);
        assertThat(classify("11.0.0.1")).isEqualTo(AddressClass.PUBLIC);
        assertThat(classify("2a00:1450:4001::1")).isEqualTo(AddressClass.PUBLIC);
    }

    @Property
    void everyAddressInTenSlashEightIsPrivate(@ForAll @IntRange(max = 255) int b, @ForAll @IntRange(max = 255) int c,
            @ForAll @IntRange(max = 255) int d) {
        assertThat(AddressClassifier.classify(v4(10, b, c, d))).isEqualTo(AddressClass.PRIVATE);
    }

    @Property
    void anIpv4AddressAndItsIpv4MappedIpv6FormHaveTheSameClass(@ForAll @IntRange(max = 255) int a,
            @ForAll @IntRange(max = 255) int b, @ForAll @IntRange(max = 255) int c,
            @ForAll @IntRange(max = 255) int d) {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = (byte) a;
        mapped[13] = (byte) b;
        mapped[14] = (byte) c;
        mapped[15] = (byte) d;
        // the JDK itself turns ::ffff:a.b.c.d into an Inet4Address; build the 16 bytes by hand to test our path
        assertThat(AddressClassifier.classifyV4(AddressClassifier.embeddedV4(mapped)))
                .isEqualTo(AddressClassifier.classify(v4(a, b, c, d)));
    }

    @Property
    void aClassIsPublicExactlyWhenNoNonPublicRangeContainsTheAddress(@ForAll @IntRange(max = 255) int a,
            @ForAll @IntRange(max = 255) int b, @ForAll @IntRange(max = 255) int c,
            @ForAll @IntRange(max = 255) int d) {
        InetAddress address = v4(a, b, c, d);
        boolean inNonPublicRange = java.util.stream.Stream.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10",
                "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15",
                "224.0.0.0/4", "240.0.0.0/4").anyMatch(range -> contains(range, address));
        assertThat(AddressClassifier.classify(address).isPublic()).isEqualTo(!inNonPublicRange);
    }

    /** An independent oracle: IPv4 prefix arithmetic on a CIDR string. */
    private static boolean contains(String cidr, InetAddress address) {
        String[] parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        int mask = bits == 0 ? 0 : -1 << (32 - bits);
        return (toInt(v4Literal(parts[0])) & mask) == (toInt(address.getAddress()) & mask);
    }

    private static byte[] v4Literal(String dotted) {
        String[] octets = dotted.split("\\.");
        return new byte[] {(byte) Integer.parseInt(octets[0]), (byte) Integer.parseInt(octets[1]),
                (byte) Integer.parseInt(octets[2]), (byte) Integer.parseInt(octets[3])};
    }

    private static int toInt(byte[] b) {
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    private static AddressClass classify(String literal) throws Exception {
        return AddressClassifier.classify(InetAddress.getByName(literal));
    }

    private static InetAddress v4(int a, int b, int c, int d) {
        return AddressClassifier.of(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
    }
}
