package org.tlsrpt.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DomainNameTest {

    @Test
    void alreadyNormalNameIsReturnedAsTheSameInstance() {
        String name = "mx1.example.com";

        assertThat(DomainName.normalize(name)).isSameAs(name);
    }

    @Test
    void upperCaseAndTrailingDotAreRemoved() {
        assertThat(DomainName.normalize("MX1.Example.COM.")).isEqualTo("mx1.example.com");
    }

    @Test
    void internationalisedNamesBecomeALabels() {
        assertThat(DomainName.normalize("bücher.example")).isEqualTo("xn--bcher-kva.example");
        assertThat(DomainName.normalize("BÜCHER.example")).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void wildcardPrefixAndUnderscoresAreAllowed() {
        assertThat(DomainName.normalize("*.mail.example")).isEqualTo("*.mail.example");
        assertThat(DomainName.normalize("_smtp._tls.example")).isEqualTo("_smtp._tls.example");
        assertThat(DomainName.normalize("*.bücher.example")).isEqualTo("*.xn--bcher-kva.example");
    }

    @Test
    void textThatIsNotADomainNameIsRefused() {
        assertThat(DomainName.normalize("mx: mx.example.com")).isNull();
        assertThat(DomainName.normalize("a..b")).isNull();
        assertThat(DomainName.normalize("mx.*.example")).isNull();
        assertThat(DomainName.normalize("[192.0.2.1]")).isNull();
        assertThat(DomainName.normalize("x".repeat(64) + ".example")).isNull();
        assertThat(DomainName.normalize("")).isNull();
        assertThat(DomainName.normalize(".")).isNull();
    }
}
