package org.tlsrpt.checks.dns;

/** What DNSSEC validation said of an answer (RFC 4033 §5). */
public enum Security {
    /** Validated from a trust anchor down (the validator set AD). */
    SECURE,
    /** Provably unsigned, or outside every trust anchor. */
    INSECURE,
    /** Signed, but the signatures do not validate: a sender must not use the answer. */
    BOGUS
}
