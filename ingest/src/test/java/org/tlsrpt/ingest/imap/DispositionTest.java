package org.tlsrpt.ingest.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.core.problem.RefusalCode;
import org.tlsrpt.ingest.IntakeResult;

class DispositionTest {

    private static final Refusal REFUSAL = new Refusal(RefusalCode.NOT_JSON, "$", "not JSON");

    @Test
    void onlyStoredReportsGoToProcessed() {
        assertThat(Disposition.of(new IntakeResult.Stored(List.of("k"), List.of())))
                .isEqualTo(Disposition.PROCESSED);
    }

    @Test
    void everythingRefusedGoesToInvalid() {
        assertThat(List.of(
                new IntakeResult.Quarantined(List.of("k"), List.of(REFUSAL)),
                new IntakeResult.NotAReport(REFUSAL),
                new IntakeResult.TooLarge(new Refusal(RefusalCode.MESSAGE_TOO_LARGE, "$", "big")),
                new IntakeResult.Forbidden("domain not allowed")))
                .extracting(Disposition::of).containsOnly(Disposition.INVALID);
    }

    @Test
    void anUnavailableIntakeMeansRetryNotMove() {
        assertThat(Disposition.of(new IntakeResult.Unavailable("Kafka down"))).isEqualTo(Disposition.RETRY);
        assertThat(Disposition.of(new IntakeResult.OverQuota("quota", Duration.ofHours(1))))
                .as("over quota stays in the inbox until the quota starts again").isEqualTo(Disposition.RETRY);
    }

    @Test
    void backoffDoublesUpToItsCapAndStartsOverAfterSuccess() {
        Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(5));

        assertThat(List.of(backoff.next(), backoff.next(), backoff.next(), backoff.next(), backoff.next()))
                .containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                        Duration.ofSeconds(5), Duration.ofSeconds(5));
        backoff.reset();
        assertThat(backoff.next()).isEqualTo(Duration.ofSeconds(1));
    }
}
