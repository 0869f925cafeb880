package org.tlsrpt.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DateTimesTest {

    @ParameterizedTest
    @CsvSource({
            "2026-03-14T00:00:00Z, 2026-03-14T00:00:00Z, RFC3339",
            "2026-03-14t23:59:59z, 2026-03-14T23:59:59Z, RFC3339",
            "2026-03-14T02:00:00+02:00, 2026-03-14T00:00:00Z, RFC3339",
            "2026-03-13T19:30:00-04:30, 2026-03-14T00:00:00Z, RFC3339",
            "2026-03-14 00:00:00.5Z, 2026-03-14T00:00:00.500Z, RFC3339",
            "2026-03-14T00:00:00.123456789Z, 2026-03-14T00:00:00.123456789Z, RFC3339",
            "2016-12-31T23:59:60Z, 2016-12-31T23:59:59Z, RFC3339",
            "2024-02-29T00:00:00, 2024-02-29T00:00:00Z, WITHOUT_ZONE",
            "2026-03-14, 2026-03-14T00:00:00Z, DATE_ONLY"})
    void acceptedFormsAreReadAsUtcInstants(String text, String expected, DateTimes.Form form) {
        DateTimes.Reading reading = DateTimes.parse(text);

        assertThat(reading).isNotNull();
        assertThat(reading.instant()).isEqualTo(Instant.parse(expected));
        assertThat(reading.form()).isEqualTo(form);
    }

    @ParameterizedTest
    @ValueSource(strings = {"April fools", "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-03-14T24:00:00Z",
            "2026-03-14T00:00Z", "2026-03-14T00:00:00.Z", "2026-03-14T00:00:00+0200", "2026-03-14T00:00:00 Z",
            "2026-3-14T00:00:00Z", "20260314T000000Z", "", "2026-03-14X00:00:00Z"})
    void otherTextIsNotADateTime(String text) {
        assertThat(DateTimes.parse(text)).isNull();
    }

    @Property(tries = 500)
    void formatThenParseGivesTheSameInstant(@ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        Instant instant = Instant.ofEpochSecond(seconds, nanos);

        String text = DateTimes.format(instant);

        assertThat(text).isEqualTo(java.time.format.DateTimeFormatter.ISO_INSTANT.format(instant)
                .replaceAll("(\\.\\d*?)0+Z$", "$1Z"));
        assertThat(DateTimes.parse(text).instant()).isEqualTo(instant);
    }
}
