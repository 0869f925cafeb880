package org.tlsrpt.api.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class GranularityTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

    @Test
    void monthsMayCoverTenYearsWhileDaysKeepTheConfiguredLimit() {
        String tenYearsAgo = TODAY.minusYears(10).plusDays(1).toString();
        Period months = Period.parse(tenYearsAgo, null, TODAY, 30, Granularity.MONTH.maxRangeDays(400));
        assertThat(months.days()).isLessThanOrEqualTo(Granularity.MAX_MONTH_RANGE_DAYS);

        assertThatThrownBy(() -> Period.parse(tenYearsAgo, null, TODAY, 30, Granularity.DAY.maxRangeDays(400)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("at most 400");
        String elevenYearsAgo = TODAY.minusYears(11).toString();
        assertThatThrownBy(() -> Period.parse(elevenYearsAgo, null, TODAY, 30, Granularity.MONTH.maxRangeDays(400)))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("at most 3653");
    }

    @Test
    void onlyDayAndMonthAreKnown() {
        assertThat(Granularity.parse(null, Granularity.DAY)).isEqualTo(Granularity.DAY);
        assertThat(Granularity.parse("", null)).isNull();
        assertThat(Granularity.parse("month", null)).isEqualTo(Granularity.MONTH);
        for (String bad : List.of("year", "MONTH", "toStartOfMonth(day)", "month; DROP TABLE reports", "day ")) {
            assertThatThrownBy(() -> Granularity.parse(bad, Granularity.DAY))
                    .isInstanceOf(InvalidParameterException.class)
                    .satisfies(e -> assertThat(((InvalidParameterException) e).parameter()).isEqualTo("granularity"));
        }
    }

    @Test
    void keysOutsideTheDailyAggregateAreRefusedBeyondTheDailyRangeLimit() {
        Period year = new Period(TODAY.minusDays(399), TODAY);
        Period twoYears = new Period(TODAY.minusYears(2), TODAY);
        FailureKey.requireDailyAggregate(FailureKey.parse(List.of("organization")), year, 400);
        FailureKey.requireDailyAggregate(FailureKey.parse(List.of("result-type,sending-mta-ip,receiving-mx-hostname")),
                twoYears, 400);
        assertThatThrownBy(() -> FailureKey.requireDailyAggregate(FailureKey.parse(List.of("result-type,receiving-ip")),
                twoYears, 400)).isInstanceOf(InvalidParameterException.class).hasMessageContaining("receiving-ip");
    }
}
