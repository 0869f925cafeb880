package org.tlsrpt.checks.policy;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class MxPatternTest {

    @Test
    void aWildcardStandsForExactlyOneLeftMostLabel() {
        // RFC 8461 §4.1: "*.example.com" matches "mail.example.com" but not "example.com" or "foo.bar.example.com"
        MxPattern pattern = MxPattern.parse("*.example.com").value();
        assertThat(pattern.matches("mail.example.com")).isTrue();
        assertThat(pattern.matches("MAIL.Example.COM.")).isTrue();
        assertThat(pattern.matches("example.com")).isFalse();
        assertThat(pattern.matches("foo.bar.example.com")).isFalse();
        assertThat(pattern.matches("mailexample.com")).isFalse();
    }

    @Test
    void aPlainPatternMatchesOnlyItself() {
        MxPattern pattern = MxPattern.parse("mx1.example.com.").value();
        assertThat(pattern.matches("mx1.example.com")).isTrue();
        assertThat(pattern.matches("mx2.example.com")).isFalse();
    }

    @Test
    void wildcardsElsewhereAndJunkAreNoPatterns() {
        assertThat(MxPattern.parse("mail.*.com").valid()).isFalse();
        assertThat(MxPattern.parse("*example.com").valid()).isFalse();
        assertThat(MxPattern.parse("").valid()).isFalse();
        assertThat(MxPattern.parse("a b.com").valid()).isFalse();
    }

    @Property
    void aWildcardMatchesAnyOneLabelInFront(@ForAll @AlphaChars @StringLength(min = 1, max = 63) String label) {
        assertThat(MxPattern.parse("*.example.org").value().matches(label + ".example.org")).isTrue();
        assertThat(MxPattern.parse("*.example.org").value().matches(label + ".x.example.org")).isFalse();
    }
}
