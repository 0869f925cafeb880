package org.tlsrpt.core.message;

import java.util.Objects;
import org.tlsrpt.core.problem.Refusal;

/**
 * Bytes that could not be counted, as published on {@code tlsrpt.quarantine} (keyed by the raw SHA-256), with
 * the reason. The raw bytes travel beside it so the item can be re-processed by a later parser.
 */
public record QuarantineRecord(Refusal reason, Receipt receipt) {

    public QuarantineRecord {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(receipt, "receipt");
    }
}
