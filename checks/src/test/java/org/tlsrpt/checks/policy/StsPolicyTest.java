package org.tlsrpt.checks.policy;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.tlsrpt.checks.Parsed;

class StsPolicyTest {

    static final String RFC_EXAMPLE = "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\n"
            + "mx: *.example.net\r\nmx: backupmx.example.com\r\nmax_age: 604800\r\n";

    @Test
    void theRfcExampleParses() {
        // RFC 8461 §3.2
        StsPolicy policy = StsPolicy.parse(RFC_EXAMPLE).value();
        assertThat(policy.mode()).isEqualTo(StsMode.ENFORCE);
        assertThat(policy.maxAge()).isEqualTo(604800);
        assertThat(policy.mx()).extracting(MxPattern::pattern)
                .containsExactly("mail.example.com", "*.example.net", "backupmx.example.com");
        assertThat(policy.covers("mail.example.com")).isTrue();
        assertThat(policy.covers("mx1.example.net.")).isTrue();
        assertThat(policy.covers("example.net")).isFalse();
    }

    @Test
    void bareLineFeedsUnknownKeysAndModeNoneWithoutMxAreAccepted() {
        assertThat(StsPolicy.parse(RFC_EXAMPLE.replace("\r\n", "\n")).valid()).isTrue();
        assertThat(StsPolicy.parse(RFC_EXAMPLE + "future_key: whatever\r\n").valid()).isTrue();
        assertThat(StsPolicy.parse("version: STSv1\nmode: none\nmax_age: 86400\n").value().mx()).isEmpty();
    }

    @Test
    void eachMissingOrBadFieldIsNamed() {
        assertThat(StsPolicy.parse("mode: enforce\nmx: a.b\nmax_age: 1").problem()).isEqualTo("no version");
        assertThat(StsPolicy.parse("version: STSv2\nmode: enforce\nmx: a.b\nmax_age: 1").problem()).contains("STSv1");
        assertThat(StsPolicy.parse("version: STSv1\nmode: enforcing\nmx: a.b\nmax_age: 1").problem())
                .contains("enforcing");
        assertThat(StsPolicy.parse("version: STSv1\nmode: enforce\nmx: a.b").problem()).isEqualTo("no max_age");
        assertThat(StsPolicy.parse("version: STSv1\nmode: enforce\nmx: a.b\nmax_age: 31557601").problem())
                .contains("exceeds");
        assertThat(StsPolicy.parse("version: STSv1\nmode: enforce\nmx: a.b\nmax_age: -1").problem())
                .contains("digits");
        assertThat(StsPolicy.parse("version: STSv1\nmode: enforce\nmax_age: 1").problem()).contains("no mx");
        assertThat(StsPolicy.parse("version: STSv1\nmode: enforce\nmx: *.*.b\nmax_age: 1").problem())
                .contains("no host name pattern");
        assertThat(StsPolicy.parse("<html>not a policy</html>").problem()).contains("no key: value");
    }

    @Test
    void anOversizedPolicyIsRefused() {
        assertThat(StsPolicy.parse(RFC_EXAMPLE + "x: y\n".repeat(20_000)).problem()).contains("longer than");
    }

    @Property
    void maxAgeIsAcceptedUpToAYear(@ForAll @LongRange(min = 0, max = 99_999_999L) long maxAge) {
        Parsed<StsPolicy> parsed = StsPolicy.parse("version: STSv1\nmode: testing\nmx: a.example\nmax_age: "
                + maxAge + "\n");
        assertThat(parsed.valid()).isEqualTo(maxAge <= StsPolicy.MAX_AGE_LIMIT);
    }

    @Property
    void anyTextGivesAPolicyOrAProblemAndNeverThrows(@ForAll("policyish") String text) {
        Parsed<StsPolicy> parsed = StsPolicy.parse(text);
        assertThat(parsed.valid() ^ parsed.problem() != null).isTrue();
        if (!parsed.valid()) {
            assertThat(parsed.problem()).hasSizeLessThan(200).doesNotContain("\n");
        }
    }

    @Property
    void anyTextAfterAValidHeadNeverThrows(@ForAll @StringLength(max = 500) String tail) {
        assertThat(StsPolicy.parse(RFC_EXAMPLE + tail)).isNotNull();
    }

    @Provide
    Arbitrary<String> policyish() {
        Arbitrary<String> key = Arbitraries.of("version", "mode", "mx", "max_age", "x", "", "mode ", "MX");
        Arbitrary<String> value = Arbitraries.oneOf(Arbitraries.of("STSv1", "enforce", "testing", "none",
                "*.example.com", "mail.example.com", "86400", "31557601", ""),
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(40));
        Arbitrary<String> line = key.flatMap(k -> value.map(v -> k + ":" + v));
        Arbitrary<String> separator = Arbitraries.of("\r\n", "\n", "\r", ";");
        return line.list().ofMaxSize(12).flatMap(lines -> separator.map(sep -> String.join(sep, lines)));
    }
}
