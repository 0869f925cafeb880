package org.tlsrpt.core.parse;

import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.core.problem.RefusalCode;

/** Stops reading a report that cannot be counted. Internal to the parser; only thrown for refused input. */
final class RefusalException extends RuntimeException {

    private final transient Refusal refusal;

    RefusalException(RefusalCode code, String path, String message) {
        super(message, null, false, false);
        this.refusal = new Refusal(code, path, message);
    }

    Refusal refusal() {
        return refusal;
    }
}
