package org.tlsrpt.ingest;

import java.time.LocalDate;
import java.util.List;
import org.tlsrpt.core.problem.Finding;
import org.tlsrpt.core.problem.Refusal;

/**
 * What became of an {@link Intake}. Each channel maps it to its own answer:
 *
 * <pre>
 *                 HTTP   SMTP   IMAP
 * Stored          201    250    move to processed
 * Quarantined     400    250    move to invalid
 * NotAReport      400    550    move to invalid
 * TooLarge        413    552    move to invalid
 * Forbidden       403    550    move to invalid
 * OverQuota       429    452    leave in inbox, retry
 * Unavailable     503    451    leave in inbox, retry
 * </pre>
 *
 * Stored and Quarantined mean the bytes are durably in Kafka (for channel reprocess: in the quarantine they came from).
 */
public sealed interface IntakeResult {

    /**
     * Every report in the input is in Kafka.
     *
     * @param days the day of each report, in the order of {@code keys} (empty when the intake did not say)
     */
    record Stored(List<String> keys, List<Finding> findings, List<LocalDate> days) implements IntakeResult {
        public Stored {
            keys = List.copyOf(keys);
            findings = List.copyOf(findings);
            days = List.copyOf(days);
        }

        public Stored(List<String> keys, List<Finding> findings) {
            this(keys, findings, List.of());
        }
    }

    /**
     * The input (or some part of it) could not be read as a report; its bytes are in quarantine with the reason.
     * {@code keys} and {@code days} are those of the reports in it that could be read (they are in Kafka too).
     */
    record Quarantined(List<String> keys, List<Refusal> reasons, List<LocalDate> days) implements IntakeResult {
        public Quarantined {
            keys = List.copyOf(keys);
            reasons = List.copyOf(reasons);
            days = List.copyOf(days);
        }

        public Quarantined(List<String> keys, List<Refusal> reasons) {
            this(keys, reasons, List.of());
        }
    }

    /** The input holds no report at all (a mail with no report part); nothing was stored. */
    record NotAReport(Refusal reason) implements IntakeResult {
    }

    /** Over a size limit with nothing readable beside it; nothing was stored. */
    record TooLarge(Refusal reason) implements IntakeResult {
    }

    /** Refused by policy: a domain outside the allow-list. */
    record Forbidden(String reason) implements IntakeResult {
    }

    /**
     * A client address or reporting organisation used up its daily quota; nothing was stored. Temporary: the
     * sender may retry after {@code retryAfter} (the next UTC day), and mail senders keep the message until then.
     */
    record OverQuota(String reason, java.time.Duration retryAfter) implements IntakeResult {
    }

    /** Kafka did not acknowledge in time; nothing can be promised. The sender should retry. */
    record Unavailable(String reason) implements IntakeResult {
    }
}
