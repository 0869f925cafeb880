package org.tlsrpt.ingest;

import java.time.Duration;
import org.tlsrpt.core.problem.RefusalCode;

/**
 * What the intake counts, without tying the ingest module to a metrics library (the application implements it
 * with Micrometer). Reasons are typed so that tag values stay a closed set. Implementations must be thread-safe
 * and cheap.
 */
public interface IntakeMetrics {

    /** Counts nothing; for tools and tests that do not export metrics. */
    IntakeMetrics NONE = new IntakeMetrics() {
        @Override
        public void received(Channel channel, long bytes) {
        }

        @Override
        public void accepted(Channel channel, int reports) {
        }

        @Override
        public void quarantined(Channel channel, RefusalCode reason) {
        }

        @Override
        public void refused(Channel channel, RefusalCode reason) {
        }

        @Override
        public void refused(Channel channel, IntakeRefusal reason) {
        }

        @Override
        public void answered(Channel channel, Outcome outcome, Duration elapsed) {
        }
    };

    /** How a submission ended, for the time-to-answer histogram. */
    enum Outcome {
        /** Durably in Kafka (stored or quarantined): the time to acknowledgement. */
        DURABLE,
        /** Refused without storing (too large, not a report, policy, quota). */
        REFUSED,
        /** Kafka did not acknowledge. */
        UNAVAILABLE
    }

    /** A submission arrived with this many bytes (as received, before any decompression). */
    void received(Channel channel, long bytes);

    /** This many reports from one submission are durably in {@code tlsrpt.reports}. */
    void accepted(Channel channel, int reports);

    /** One item went to {@code tlsrpt.quarantine} for this reason. */
    void quarantined(Channel channel, RefusalCode reason);

    /** A submission was refused (nothing stored) because the reader said so. */
    void refused(Channel channel, RefusalCode reason);

    /** A submission was refused (nothing stored) by the intake or its channel. */
    void refused(Channel channel, IntakeRefusal reason);

    /** The intake answered after {@code elapsed}. */
    void answered(Channel channel, Outcome outcome, Duration elapsed);
}
