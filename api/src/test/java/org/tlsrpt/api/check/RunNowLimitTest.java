package org.tlsrpt.api.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tlsrpt.core.testing.MovableClock;

class RunNowLimitTest {

    @Test
    void oncePerSpacingForEachTokenAndDomain() {
        MovableClock clock = new MovableClock(Instant.parse("2026-12-06T05:00:00Z"));
        RunNowLimit limit = new RunNowLimit(Duration.ofMinutes(1), clock);
        assertThat(limit.tryStart("t1", "a.example")).isEmpty();
        clock.advance(Duration.ofSeconds(20));
        assertThat(limit.tryStart("t1", "a.example")).contains(Duration.ofSeconds(40));
        // another domain, another token: their own allowance
        assertThat(limit.tryStart("t1", "b.example")).isEmpty();
        assertThat(limit.tryStart("t2", "a.example")).isEmpty();
        clock.advance(Duration.ofSeconds(40));
        assertThat(limit.tryStart("t1", "a.example")).isEmpty();
    }
}
