package org.tlsrpt.core.decode;

import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.core.problem.RefusalCode;

/**
 * Control flow inside the decoder: a container (or one part of it) cannot give a report. Caught where the
 * location is known and turned into a {@link Refusal}; never leaves the package. No stack trace: it is not a bug.
 */
final class Refused extends Exception {

    private static final long serialVersionUID = 1L;

    private final RefusalCode code;

    Refused(RefusalCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    RefusalCode code() {
        return code;
    }

    Refusal at(String path) {
        return new Refusal(code, path, getMessage());
    }
}
