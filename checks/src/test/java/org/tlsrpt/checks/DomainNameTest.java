package org.tlsrpt.checks;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class DomainNameTest {

    @Test
    void namesAreLowerCasedAsciiWithoutTheTrailingDot() {
        assertThat(DomainName.parse("Example.COM.").value()).isEqualTo("example.com");
        assertThat(DomainName.parse("bücher.example").value()).isEqualTo("xn--bcher-kva.example");
    }

    @Test
    void whatIsNoDomainNameIsSaid() {
        assertThat(DomainName.parse("localhost").valid()).isFalse();
        assertThat(DomainName.parse("-x.example").valid()).isFalse();
        assertThat(DomainName.parse("a..b").valid()).isFalse();
        assertThat(DomainName.parse("--json").valid()).isFalse();
        assertThat(DomainName.parse("x".repeat(400) + ".com").valid()).isFalse();
    }

    @Property
    void anyTextGivesANameOrAProblem(@ForAll String text) {
        Parsed<String> parsed = DomainName.parse(text);
        assertThat(parsed.valid() ^ parsed.problem() != null).isTrue();
    }
}
