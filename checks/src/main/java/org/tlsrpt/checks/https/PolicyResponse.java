package org.tlsrpt.checks.https;

import org.tlsrpt.checks.probe.TlsSession;

/** What fetching {@code https://mta-sts.D/.well-known/mta-sts.txt} came to. */
public sealed interface PolicyResponse {

    /** No HTTP response: no connection, no TLS, or a broken or oversized response. */
    record Failed(String reason) implements PolicyResponse {
    }

    /**
     * An HTTP response.
     *
     * @param session     the TLS session, whose chain the caller judges (RFC 8461 §3.3: WebPKI, name mta-sts.D)
     * @param status      the HTTP status code
     * @param contentType the Content-Type header, or empty
     * @param location    the Location header, or empty
     * @param body        the body as text (UTF-8), at most the policy bound
     */
    record Received(TlsSession session, int status, String contentType, String location, String body)
            implements PolicyResponse {
    }
}
