package org.tlsrpt.core.problem;

import java.util.Objects;

/**
 * Why an input, or one part of it, could not be counted as a report.
 *
 * @param path where the problem is: a JSON path, a MIME part ({@code mime:1.2}), an archive entry, or {@code $}
 */
public record Refusal(RefusalCode code, String path, String message) {

    public Refusal {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }
}
