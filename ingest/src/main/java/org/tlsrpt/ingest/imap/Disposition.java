package org.tlsrpt.ingest.imap;

import org.tlsrpt.ingest.IntakeResult;

/** Where a message goes once the intake answered: the IMAP column of {@link IntakeResult}'s table. */
enum Disposition {
    /** The reports are durably stored: move to the processed folder. */
    PROCESSED,
    /** Quarantined, not a report, too large or refused by policy: move to the invalid folder. */
    INVALID,
    /** Nothing can be promised yet (Kafka, a daily quota): leave the message in place, unseen, and try again later. */
    RETRY;

    static Disposition of(IntakeResult result) {
        if (result instanceof IntakeResult.Stored) {
            return PROCESSED;
        }
        if (result instanceof IntakeResult.Quarantined || result instanceof IntakeResult.NotAReport
                || result instanceof IntakeResult.TooLarge || result instanceof IntakeResult.Forbidden) {
            return INVALID;
        }
        return RETRY;
    }
}
