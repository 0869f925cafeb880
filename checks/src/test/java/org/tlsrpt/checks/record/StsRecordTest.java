package org.tlsrpt.checks.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class StsRecordTest {

    @Test
    void theRfcExampleParses() {
        // RFC 8461 §3.1
        assertThat(StsRecord.parse("v=STSv1; id=20160831085700Z;").value().id()).isEqualTo("20160831085700Z");
    }

    @Test
    void anInvalidOrMissingIdMakesTheRecordInvalid() {
        assertThat(StsRecord.parse("v=STSv1;").problem()).isEqualTo("no id field");
        assertThat(StsRecord.parse("v=STSv1; id=not_an_id").problem()).contains("letters and digits");
        assertThat(StsRecord.parse("v=STSv1; id=" + "1".repeat(33)).problem()).contains("letters and digits");
        assertThat(StsRecord.parse("v=STSv1 id=1").problem()).isNotNull();
    }

    @Test
    void twoRecordsMeanNoPolicy() {
        assertThat(StsRecord.select(List.of("v=STSv1; id=1", "v=STSv1; id=2")).get().problem())
                .contains("exactly one");
        assertThat(StsRecord.select(List.of("v=DMARC1; p=none"))).isEmpty();
    }

    @Property
    void anyIdOfLettersAndDigitsUpTo32IsAccepted(
            @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 32) String id) {
        assertThat(StsRecord.parse("v=STSv1; id=" + id).value().id()).isEqualTo(id);
    }

    @Property
    void anyTextGivesARecordOrAProblemAndNeverThrows(@ForAll @StringLength(max = 300) String text) {
        var parsed = StsRecord.parse("v=STSv1; " + text);
        assertThat(parsed.valid() ^ parsed.problem() != null).isTrue();
        assertThat(StsRecord.select(List.of(text, "v=STSv1" + text))).isNotNull();
    }
}
