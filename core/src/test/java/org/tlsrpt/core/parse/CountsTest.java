package org.tlsrpt.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CountsTest {

    private static final long MAX = 1_000_000_000_000L;

    @ParameterizedTest
    @CsvSource({
            "0, 0", "12, 12", "12.0, 12", "1e2, 100", "1E+2, 100", "-0, 0", "1000000000000, 1000000000000",
            "1000000000001, -4", "99999999999999999999999, -4", "1e300, -4", "-3, -1", "12.5, -2", "1e-300, -2",
            "many, -3", "0x10, -3", "NaN, -3"})
    void textIsReadAsACountOrWhyNot(String text, long expected) {
        assertThat(Counts.parse(text, MAX)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1e999999999, -4", "1e-999999999, -2"})
    void hugeExponentsAreJudgedWithoutExpanding(String text, long expected) {
        assertThat(Counts.parse(text, MAX)).isEqualTo(expected);
    }
}
