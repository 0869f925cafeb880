package org.tlsrpt.core.parse;

import org.tlsrpt.core.Limits;
import org.tlsrpt.core.decode.Envelope;

/**
 * Reads RFC 8460 JSON into a normalised {@link org.tlsrpt.core.model.TlsReport}: tolerant of the quirks real
 * senders have (each recorded as a finding), honest about what cannot be counted (a refusal). Streams with
 * Jackson's parser; never builds a tree of the whole document. Thread-safe.
 */
public final class ReportParser {

    private final Limits limits;

    public ReportParser(Limits limits) {
        this.limits = limits;
    }

    /** @param envelope what the transport said; used where the body is silent (a missing policy-domain) */
    public ParseOutcome parse(byte[] json, int offset, int length, Envelope envelope) {
        throw new UnsupportedOperationException("not yet");
    }
}
