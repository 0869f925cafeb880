package org.tlsrpt.ingest.imap;

/**
 * What one poll of a mailbox did.
 *
 * @param batches           batches fetched
 * @param processed         messages moved to the processed folder
 * @param invalid           messages moved to the invalid folder (too large ones included)
 * @param leftBehind        messages left in place to be tried again
 * @param intakeUnavailable whether the poll stopped early because the intake could not store anything
 */
record PollSummary(int batches, int processed, int invalid, int leftBehind, boolean intakeUnavailable) {

    boolean isEmpty() {
        return batches == 0;
    }
}
