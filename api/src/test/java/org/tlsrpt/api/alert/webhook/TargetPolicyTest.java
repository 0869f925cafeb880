package org.tlsrpt.api.alert.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.tlsrpt.core.net.AddressClassifier;

class TargetPolicyTest {

    private final TargetPolicy defaults = new TargetPolicy(false, List.of());

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/hook", "http://[::1]:8080/hook", "http://10.0.0.5/", "http://172.16.3.4/",
        "http://192.168.1.10/", "http://169.254.169.254/latest/meta-data/", "http://100.64.1.1/", "http://[fd00::1]/",
        "http://localhost:9999/hook", "http://0.0.0.0/", "http://224.0.0.1/", "http://[::ffff:127.0.0.1]/"})
    void nonPublicTargetsAreRefusedByDefault(String url) {
        assertThatThrownBy(() -> defaults.check(TargetPolicy.parse(url)))
                .isInstanceOf(TargetRefusedException.class).hasMessageContaining("only call public addresses");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/", "file:///etc/passwd", "gopher://example.com/", "http:///nohost",
        "https://user:pw@example.com/", "not a url", ""})
    void onlyHttpAndHttpsUrlsWithAHostAndNoUserInfoAreAccepted(String url) {
        assertThatThrownBy(() -> TargetPolicy.parse(url)).isInstanceOf(TargetRefusedException.class);
    }

    @Test
    void aNameResolvingToOnePublicAndOnePrivateAddressIsRefused() throws Exception {
        TargetPolicy policy = new TargetPolicy(false, List.of(), host -> new InetAddress[] {
            InetAddress.getByName("93.184.216.34"), InetAddress.getByName("10.0.0.1")});
        assertThatThrownBy(() -> policy.check(URI.create("https://rebind.example/")))
                .hasMessageContaining("10.0.0.1");
    }

    @Test
    void aPublicAddressIsReturnedAsTheOneToConnectTo() throws Exception {
        TargetPolicy policy = new TargetPolicy(false, List.of(), host -> new InetAddress[] {
            InetAddress.getByName("93.184.216.34")});
        assertThat(policy.check(URI.create("https://hooks.example/x")).getHostAddress()).isEqualTo("93.184.216.34");
    }

    @Test
    void anAllowedRangeOpensOnlyThatRange() throws Exception {
        TargetPolicy policy = new TargetPolicy(false, List.of(Cidr.parse("127.0.0.1/32"), Cidr.parse("10.20.0.0/16")));
        assertThat(policy.check(URI.create("http://127.0.0.1:8080/")).getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(policy.check(URI.create("http://10.20.3.4/")).getHostAddress()).isEqualTo("10.20.3.4");
        assertThatThrownBy(() -> policy.check(URI.create("http://10.21.0.1/")))
                .isInstanceOf(TargetRefusedException.class);
        assertThatThrownBy(() -> policy.check(URI.create("http://169.254.169.254/")))
                .isInstanceOf(TargetRefusedException.class);
    }

    @Test
    void allowingPrivateTargetsStillRefusesMulticastAndTheUnspecifiedAddress() throws Exception {
        TargetPolicy open = new TargetPolicy(true, List.of());
        assertThat(open.check(URI.create("http://192.168.1.1/"))).isNotNull();
        assertThatThrownBy(() -> open.check(URI.create("http://224.0.0.1/"))).isInstanceOf(TargetRefusedException.class);
        assertThatThrownBy(() -> open.check(URI.create("http://0.0.0.0/"))).isInstanceOf(TargetRefusedException.class);
    }

    @Test
    void cidrsParseV4AndV6AndRefuseNames() {
        assertThat(Cidr.parse("fd00:1::/32").contains(AddressClassifier.of(new byte[] {(byte) 0xfd, 0, 0, 1, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 9}))).isTrue();
        assertThatThrownBy(() -> Cidr.parse("example.com/8")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
    }
}
