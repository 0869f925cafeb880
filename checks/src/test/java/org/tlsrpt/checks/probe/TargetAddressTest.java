package org.tlsrpt.checks.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class TargetAddressTest {

    static InetAddress ip(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void addressesInsideTheCollectorsNetworkAreRefused() throws Exception {
        // a domain picks its MX addresses: these would let it aim our probes at our own network
        for (String address : new String[] {"127.0.0.1", "127.0.0.3", "10.1.2.3", "172.16.0.1", "192.168.1.1",
                "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:10.0.0.1",
                "64:ff9b::7f00:1",
                "224.0.0.1"}) {
            assertThat(TargetAddress.refusal(ip(address), false)).as(address).isPresent();
        }
    }

    @Test
    void publicAddressesAreAllowedAndPrivateOnesWhenConfigured() throws Exception {
        assertThat(TargetAddress.refusal(ip("192.0.2.10"), false)).isEmpty();
        assertThat(TargetAddress.refusal(ip("2a00:1450:4001::1a"), false)).isEmpty();
        assertThat(TargetAddress.refusal(ip("127.0.0.3"), true)).isEmpty();
    }
}
