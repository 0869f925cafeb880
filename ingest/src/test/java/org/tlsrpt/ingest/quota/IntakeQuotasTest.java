package org.tlsrpt.ingest.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tlsrpt.core.testing.MovableClock;

class IntakeQuotasTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-27T22:00:00Z"));

    @Test
    void aClientIsRefusedOnceItsBytesForTheDayAreUsedAndServedAgainAfterMidnightUtc() {
        IntakeQuotas quotas = new IntakeQuotas(new IntakeQuotas.Limits(1_000, 0), clock);

        assertThat(quotas.takeClientBytes("192.0.2.1", 600)).isTrue();
        assertThat(quotas.takeClientBytes("192.0.2.1", 400)).isTrue();
        assertThat(quotas.takeClientBytes("192.0.2.1", 1)).isFalse();
        assertThat(quotas.takeClientBytes("192.0.2.2", 1_000)).as("another client has its own quota").isTrue();
        assertThat(quotas.retryAfter()).isEqualTo(Duration.ofHours(2));

        clock.advance(Duration.ofHours(2));

        assertThat(quotas.takeClientBytes("192.0.2.1", 1_000)).isTrue();
    }

    @Test
    void aRefusedRequestTakesNothingAndReturnedBytesCanBeUsedAgain() {
        IntakeQuotas quotas = new IntakeQuotas(new IntakeQuotas.Limits(1_000, 0), clock);

        assertThat(quotas.takeClientBytes("192.0.2.1", 1_001)).isFalse();
        assertThat(quotas.takeClientBytes("192.0.2.1", 900)).isTrue();
        quotas.returnClientBytes("192.0.2.1", 900);
        assertThat(quotas.takeClientBytes("192.0.2.1", 1_000)).isTrue();
    }

    @Test
    void ipv6ClientsInOneSlash64ShareAQuota() {
        IntakeQuotas quotas = new IntakeQuotas(new IntakeQuotas.Limits(1_000, 0), clock);

        assertThat(quotas.takeClientBytes("2001:db8:0:1::1", 1_000)).isTrue();
        assertThat(quotas.takeClientBytes("2001:db8:0:1:ffff::2", 1)).isFalse();
        assertThat(quotas.takeClientBytes("2001:db8:0:2::1", 1)).as("the next /64").isTrue();
        assertThat(IntakeQuotas.clientKey("0:0:0:0:0:0:0:1")).isEqualTo(IntakeQuotas.clientKey("::1"));
    }

    @Test
    void anOrganisationIsCountedByReportsWhateverItsCaseAndAllOrNothing() {
        IntakeQuotas quotas = new IntakeQuotas(new IntakeQuotas.Limits(0, 3), clock);

        assertThat(quotas.takeReports(List.of("Google Inc.", "google inc. "))).isTrue();
        assertThat(quotas.takeReports(List.of("GOOGLE INC.", "Google Inc."))).as("would be 4").isFalse();
        assertThat(quotas.takeReports(List.of("Google Inc."))).as("the refused pair took nothing").isTrue();
        assertThat(quotas.takeReports(List.of("Mail.ru"))).isTrue();
        quotas.returnReports(List.of("Google Inc."));
        assertThat(quotas.takeReports(List.of("Google Inc."))).isTrue();
    }

    @Test
    void zeroMeansNoLimit() {
        IntakeQuotas quotas = new IntakeQuotas(IntakeQuotas.Limits.NONE, clock);

        assertThat(quotas.takeClientBytes("192.0.2.1", Long.MAX_VALUE / 2)).isTrue();
        assertThat(quotas.takeReports(Collections.nCopies(10_000, "Google Inc."))).isTrue();
    }

    @Test
    void keysPastTheBoundShareOneOverflowCountSoMemoryStaysBounded() {
        DailyCounts counts = new DailyCounts(clock, 2);

        assertThat(counts.tryAdd(List.of("a"), 1, 5)).isTrue();
        assertThat(counts.tryAdd(List.of("b"), 1, 5)).isTrue();
        assertThat(counts.tryAdd(List.of("c"), 3, 5)).isTrue();
        assertThat(counts.tryAdd(List.of("d"), 3, 5)).as("c and d share the overflow count").isFalse();
        assertThat(counts.used(DailyCounts.OVERFLOW)).isEqualTo(3);
        assertThat(counts.used("a")).isEqualTo(1);
    }

    @Test
    void theRefusedSampleKeepsTheFirstFewEachDay() {
        RefusedSample sample = new RefusedSample(2, clock);

        assertThat(sample.take()).isTrue();
        assertThat(sample.take()).isTrue();
        assertThat(sample.take()).isFalse();
        sample.giveBack();
        assertThat(sample.take()).as("a sample that could not be stored gives its place back").isTrue();
        clock.advance(Duration.ofDays(1));
        assertThat(sample.take()).isTrue();
        assertThat(new RefusedSample(0, clock).take()).isFalse();
    }
}
