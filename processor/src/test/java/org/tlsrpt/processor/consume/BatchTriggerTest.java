package org.tlsrpt.processor.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BatchTriggerTest {

    private static final long MS = 1_000_000;
    /** Wall-clock milliseconds at nanoTime 0 in these tests. */
    private static final long EPOCH = 1_800_000_000_000L;

    private final BatchTrigger trigger = new BatchTrigger(1_000, Duration.ofMillis(250));

    @Test
    void nothingPendingIsNeverDue() {
        trigger.polled(0, Long.MAX_VALUE, true, 0);
        assertThat(trigger.due(10_000 * MS, EPOCH + 10_000)).isFalse();
    }

    @Test
    void recordsAcceptedJustNowWaitTheDelayFromTheirCollection() {
        trigger.polled(10, EPOCH, true, 0);
        assertThat(trigger.due(249 * MS, EPOCH + 249)).isFalse();
        assertThat(trigger.due(250 * MS, EPOCH + 250)).isTrue();
    }

    @Test
    void recordsThatWaitedDuringTheLastWriteAreDueAtOnceWhenCaughtUp() {
        // accepted 400 ms ago, while the previous batch was being written, and collected only now
        trigger.polled(400, EPOCH - 400, true, 0);
        assertThat(trigger.due(0, EPOCH)).isTrue();
    }

    @Test
    void aBacklogFillsItsBatchRatherThanLeavingAtOnce() {
        trigger.polled(500, EPOCH - 60_000, false, 0);
        assertThat(trigger.due(100 * MS, EPOCH + 100)).isFalse();
        trigger.polled(500, EPOCH - 59_000, false, 100 * MS);
        assertThat(trigger.due(100 * MS, EPOCH + 100)).as("max records reached").isTrue();
    }

    @Test
    void aBacklogStillLeavesAfterTheDelayFromCollection() {
        trigger.polled(500, EPOCH - 60_000, false, 0);
        assertThat(trigger.due(250 * MS, EPOCH + 250)).isTrue();
    }

    @Test
    void aTimestampFromAClockAheadOfOursNeverMakesARecordWaitLonger() {
        trigger.polled(1, EPOCH + 3_600_000, true, 0);
        assertThat(trigger.due(249 * MS, EPOCH + 249)).isFalse();
        assertThat(trigger.due(250 * MS, EPOCH + 250)).isTrue();
    }

    @Test
    void theOldestTimestampOfAllPollsCounts() {
        trigger.polled(1, EPOCH - 100, true, 0);
        trigger.polled(1, EPOCH - 300, true, 0);
        trigger.polled(1, EPOCH, true, 0);
        assertThat(trigger.due(0, EPOCH)).isTrue();
    }

    @Test
    void whatIsLeftAfterABatchWaitsAFullDelayAgain() {
        trigger.polled(10, EPOCH - 1_000, true, 0);
        trigger.taken(4, 0);
        assertThat(trigger.pending()).isEqualTo(6);
        assertThat(trigger.due(249 * MS, EPOCH + 249)).isFalse();
        assertThat(trigger.due(250 * MS, EPOCH + 250)).isTrue();
    }

    @Test
    void takingNothingDoesNotRestartTheWait() {
        trigger.polled(10, EPOCH - 1_000, true, 0);
        trigger.taken(0, 200 * MS);
        assertThat(trigger.due(200 * MS, EPOCH + 200)).isTrue();
    }

    @Test
    void takingEverythingLeavesNothingDue() {
        trigger.polled(10, EPOCH - 1_000, true, 0);
        trigger.taken(10, 0);
        assertThat(trigger.pending()).isZero();
        assertThat(trigger.due(1_000 * MS, EPOCH + 1_000)).isFalse();
        trigger.polled(1, EPOCH + 1_000, true, 1_000 * MS);
        assertThat(trigger.due(1_000 * MS, EPOCH + 1_000)).as("a fresh record waits again").isFalse();
    }
}
