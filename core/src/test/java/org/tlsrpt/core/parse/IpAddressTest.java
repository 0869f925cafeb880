package org.tlsrpt.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @Test
    void canonicalIpv4IsReturnedAsTheSameInstance() {
        String address = "192.0.2.1";

        assertThat(IpAddress.canonical(address)).isSameAs(address);
    }

    @ParameterizedTest
    @CsvSource({
            "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
            "2001:0db8:0000:0000:0000:ff00:0042:8329, 2001:db8::ff00:42:8329",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "0:0:0:0:0:0:0:0, ::",
            "::1, ::1",
            "1:2:3:4:5:6:7::, 1:2:3:4:5:6:7:0",
            "1::, 1::",
            "::ffff:192.0.2.1, ::ffff:192.0.2.1",
            "::FFFF:c000:0201, ::ffff:192.0.2.1",
            "64:ff9b::192.0.2.1, 64:ff9b::c000:201",
            "2607:f8b0:4864:20::b4a, 2607:f8b0:4864:20::b4a"})
    void ipv6IsWrittenAsRfc5952(String input, String expected) {
        assertThat(IpAddress.canonical(input)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x.x.x.x", "256.0.0.1", "1.2.3", "1.2.3.4.5", "010.0.0.1", "1.2.3.", "mx.example.com",
            "1:2:3:4:5:6:7:8:9", "1::2::3", ":1::", "1:::2", "12345::", "fe80::1%eth0", "::1.2.3", "1:2:3:4:5:6:7:8::",
            "[::1]", "١.٢.٣.٤", "::g", ""})
    void textThatIsNotAnAddressIsRefused(String input) {
        assertThat(IpAddress.canonical(input)).isNull();
    }

    @Property(tries = 300)
    void everyIpv6AddressAgreesWithTheJdk(@ForAll byte[] raw) throws Exception {
        byte[] bytes = java.util.Arrays.copyOf(raw, 16);
        bytes[0] = (byte) (bytes[0] | 0x20); // not IPv4-mapped: the JDK would turn those into IPv4
        String jdk = InetAddress.getByAddress(bytes).getHostAddress(); // full, uncompressed form; no lookup

        String canonical = IpAddress.canonical(jdk);

        assertThat(canonical).isNotNull().doesNotContain(":::");
        assertThat(InetAddress.getByName(canonical).getAddress()).isEqualTo(bytes); // a literal: no lookup
        assertThat(IpAddress.canonical(canonical)).isSameAs(canonical);
    }
}
