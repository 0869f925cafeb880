package org.tlsrpt.checks.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.tlsrpt.checks.Parsed;

class TlsrptRecordTest {

    @Test
    void theRfcExamplesParse() {
        // RFC 8460 §3.1
        assertThat(TlsrptRecord.parse("v=TLSRPTv1;rua=mailto:reports@example.com").value().rua())
                .extracting(Object::toString).containsExactly("mailto:reports@example.com");
        assertThat(TlsrptRecord.parse("v=TLSRPTv1; rua=https://reporting.example.com/v1/tlsrpt").valid()).isTrue();
    }

    @Test
    void severalUrisSpacesExtensionsAndATrailingDelimiterAreAccepted() {
        Parsed<TlsrptRecord> record = TlsrptRecord.parse(
                "v=TLSRPTv1 ; rua=mailto:a@example.com , https://r.example.com/x ; ext=1;");
        assertThat(record.problem()).isNull();
        assertThat(record.value().rua()).hasSize(2);
    }

    @Test
    void aRecordWithoutRuaOrWithAnotherSchemeIsInvalid() {
        assertThat(TlsrptRecord.parse("v=TLSRPTv1;").problem()).isEqualTo("no rua field");
        assertThat(TlsrptRecord.parse("v=TLSRPTv1; rua=ftp://example.com/").problem()).contains("neither mailto");
        assertThat(TlsrptRecord.parse("v=TLSRPTv1; rua=mailto:nobody").problem()).contains("no mail address");
        assertThat(TlsrptRecord.parse("v=TLSRPTv1; rua=https:///path").problem()).contains("no host");
        assertThat(TlsrptRecord.parse("v=TLSRPTv1; rua=mailto:a@b.c; rua=mailto:d@e.f").problem()).contains("2 times");
        assertThat(TlsrptRecord.parse("v=TLSRPTv1; rua=mailto:a@b.c;; x=1").problem()).contains("empty field");
    }

    @Test
    void onlyRecordsStartingWithTheVersionCountAndExactlyOneMayRemain() {
        assertThat(TlsrptRecord.select(List.of("v=spf1 -all", "google-site-verification=x"))).isEmpty();
        assertThat(TlsrptRecord.select(List.of("v=spf1 -all", "v=TLSRPTv1; rua=mailto:a@b.c")).get().valid()).isTrue();
        assertThat(TlsrptRecord.select(List.of("v=TLSRPTv1; rua=mailto:a@b.c", "v=TLSRPTv1; rua=mailto:d@e.f"))
                .get().problem()).contains("2 v=TLSRPTv1 records");
        // a longer version is another version, not ours
        assertThat(TlsrptRecord.select(List.of("v=TLSRPTv10; rua=mailto:a@b.c"))).isEmpty();
    }

    @Property
    void anyTextGivesARecordOrAProblemAndNeverThrows(@ForAll @StringLength(max = 300) String text) {
        Parsed<TlsrptRecord> parsed = TlsrptRecord.parse("v=TLSRPTv1;" + text);
        assertThat(parsed.valid() || parsed.problem() != null).isTrue();
        assertThat(TlsrptRecord.parse(text).valid() || TlsrptRecord.parse(text).problem().length() < 200).isTrue();
    }

    @Property
    void problemsQuoteHostileInputOnlyPrintableAndBounded(@ForAll("hostile") String text) {
        Parsed<TlsrptRecord> parsed = TlsrptRecord.parse("v=TLSRPTv1; rua=" + text);
        if (!parsed.valid()) {
            assertThat(parsed.problem()).hasSizeLessThan(200).doesNotContain("\n", "\r", "\u0000");
        }
    }

    @Property
    void wellFormedRecordsParseBack(@ForAll("addresses") List<String> addresses) {
        String record = "v=TLSRPTv1; rua=" + String.join(",", addresses.stream().map(a -> "mailto:" + a).toList());
        assertThat(TlsrptRecord.parse(record).value().rua()).hasSameSizeAs(addresses);
    }

    @Test
    void anOversizedRecordIsRefusedWithoutWork() {
        assertThat(TlsrptRecord.parse("v=TLSRPTv1; rua=mailto:a@b.c;" + "x=y;".repeat(5000)).problem())
                .contains("longer than");
    }

    @Provide
    Arbitrary<String> hostile() {
        return Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(500);
    }

    @Provide
    Arbitrary<List<String>> addresses() {
        Arbitrary<String> part = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20);
        return part.flatMap(local -> part.map(domain -> local + "@" + domain + ".example")).list().ofMinSize(1)
                .ofMaxSize(5);
    }
}
