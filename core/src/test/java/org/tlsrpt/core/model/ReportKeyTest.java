package org.tlsrpt.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ReportKeyTest {

    private static final DateRange DAY = new DateRange(Instant.parse("2026-11-27T00:00:00Z"),
            Instant.parse("2026-11-27T23:59:59Z"));

    @Test
    void theSameIdentityGivesTheSameThirtyTwoHexKey() {
        ReportKey first = ReportKey.of("Google Inc.", "2026-11-27T00:00:00Z_example.com", DAY);
        ReportKey again = ReportKey.of("Google Inc.", "2026-11-27T00:00:00Z_example.com",
                new DateRange(Instant.parse("2026-11-27T00:00:00Z"), Instant.parse("2026-11-27T23:59:59Z")));

        assertThat(again).isEqualTo(first);
        assertThat(first.value()).matches("[0-9a-f]{32}");
    }

    @Test
    void movingCharactersBetweenPartsChangesTheKey() {
        assertThat(ReportKey.of("ab", "c", DAY)).isNotEqualTo(ReportKey.of("a", "bc", DAY));
    }

    @Test
    void aDifferentEndOrSubSecondStartChangesTheKey() {
        DateRange laterEnd = new DateRange(DAY.start(), DAY.end().plusSeconds(1));
        DateRange fractionalStart = new DateRange(DAY.start().plusNanos(1), DAY.end());

        assertThat(ReportKey.of("o", "r", laterEnd)).isNotEqualTo(ReportKey.of("o", "r", DAY));
        assertThat(ReportKey.of("o", "r", fractionalStart)).isNotEqualTo(ReportKey.of("o", "r", DAY));
    }

    @Property(tries = 200)
    void differentReportIdsGiveDifferentKeys(@ForAll String first, @ForAll String second) {
        if (!first.equals(second)) {
            assertThat(ReportKey.of("o", first, DAY)).isNotEqualTo(ReportKey.of("o", second, DAY));
        }
    }
}
