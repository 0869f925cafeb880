package org.tlsrpt.checks.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostNameTest {

    @Test
    void exactNamesMatchIgnoringCaseAndTheTrailingDot() {
        assertThat(HostName.matches("mx.example.com", "MX.example.com.")).isTrue();
        assertThat(HostName.matches("mx.example.com", "mx2.example.com")).isFalse();
    }

    @Test
    void aWildcardIsTheWholeLeftMostLabelAndCoversOneLabel() {
        assertThat(HostName.matches("*.example.com", "mx.example.com")).isTrue();
        assertThat(HostName.matches("*.example.com", "a.mx.example.com")).isFalse();
        assertThat(HostName.matches("*.example.com", "example.com")).isFalse();
        assertThat(HostName.matches("m*.example.com", "mx.example.com")).isFalse();
        assertThat(HostName.matches("*.*.com", "a.b.com")).isFalse();
        assertThat(HostName.matches("", "")).isFalse();
    }
}
