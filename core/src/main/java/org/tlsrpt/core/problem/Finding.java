package org.tlsrpt.core.problem;

import java.util.Objects;

/**
 * A deviation from RFC 8460 that was understood and accepted. Kept on the report so users can see which
 * senders are sloppy, and how the report was read.
 *
 * @param path JSON path of the field ({@code $.policies[0].policy.mx-host}) or a place in the envelope
 *             ({@code mime:2}, {@code subject}); never null
 */
public record Finding(FindingCode code, String path, String message) {

    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }
}
