package org.tlsrpt.ingest;

import java.util.Locale;

/**
 * Refusals the intake and its channels decide themselves, beside the reader's {@link
 * org.tlsrpt.core.problem.RefusalCode}s. Together the two enums are the closed set of {@code reason} values in
 * the metrics: never free text, never a domain or an address.
 */
public enum IntakeRefusal {
    /** Over a channel's size limit before the intake saw the bytes (HTTP Content-Encoding, SMTP DATA). */
    TOO_LARGE,
    /** A client posted faster than its rate (HTTP 429). */
    RATE_LIMITED,
    /** A policy domain outside the allow-list (HTTP 403, SMTP 550). */
    DOMAIN_NOT_ALLOWED,
    /** A client address or reporting organisation used up its daily quota (HTTP 429, SMTP 452). */
    QUOTA_EXCEEDED,
    /** Kafka did not acknowledge (HTTP 503, SMTP 451). */
    UNAVAILABLE;

    /** The kebab-case tag value, like {@link org.tlsrpt.core.problem.RefusalCode#code()}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
