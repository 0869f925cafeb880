package org.tlsrpt.api.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeriodTest {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 28);

    @Test
    void withoutDatesThePeriodIsTheLast30DaysIncludingToday() {
        Period period = Period.parse(null, null, TODAY, 30, 400);
        assertThat(period).isEqualTo(new Period(LocalDate.of(2026, 10, 30), TODAY));
        assertThat(period.days()).isEqualTo(30);
    }

    @Test
    void badDatesAndRangesAreRefusedNamingTheParameter() {
        for (String bad : List.of("2026-13-01", "2026-02-30", "26-01-01", "2026-1-1", "'; DROP", "２０２６-01-01",
                "2026-01-01T00:00", "../2026-01-01", "9".repeat(1000))) {
            assertThatThrownBy(() -> Period.parse(bad, "2026-11-28", TODAY, 30, 400))
                    .isInstanceOf(InvalidParameterException.class)
                    .satisfies(e -> assertThat(((InvalidParameterException) e).parameter()).isEqualTo("from"));
        }
        assertThatThrownBy(() -> Period.parse("2026-11-29", "2026-11-28", TODAY, 30, 400))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> Period.parse("2020-01-01", "2026-11-28", TODAY, 30, 400))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("at most 400");
    }

    @Test
    void byTakesRepeatedAndCommaSeparatedNamesAndRefusesOthers() {
        assertThat(FailureKey.parse(List.of("result-type,organization", "receiving-ip", "organization")))
                .containsExactly(FailureKey.RESULT_TYPE, FailureKey.ORGANIZATION, FailureKey.RECEIVING_IP);
        assertThat(FailureKey.parse(null)).containsExactly(FailureKey.RESULT_TYPE);
        for (String bad : List.of("result_type", "policy_domain", "1; DROP TABLE reports", "", "result-type,")) {
            assertThatThrownBy(() -> FailureKey.parse(List.of(bad))).isInstanceOf(InvalidParameterException.class);
        }
    }
}
