package org.tlsrpt.checks.smtp;

import org.tlsrpt.checks.probe.TlsSession;

/** What one STARTTLS probe of an MX address came to. */
public sealed interface StarttlsOutcome {

    /** No SMTP conversation: refused, timed out, or no 220 greeting. */
    record Unreachable(String reason) implements StarttlsOutcome {
    }

    /** The server did not offer STARTTLS, or refused it. */
    record NotOffered(String reason) implements StarttlsOutcome {
    }

    /** STARTTLS was accepted but the TLS handshake failed. */
    record HandshakeFailed(String reason) implements StarttlsOutcome {
    }

    /** TLS was established. */
    record Established(TlsSession session) implements StarttlsOutcome {
    }
}
