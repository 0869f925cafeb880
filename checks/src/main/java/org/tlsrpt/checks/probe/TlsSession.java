package org.tlsrpt.checks.probe;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a TLS handshake showed.
 *
 * @param protocol the negotiated version ({@code TLSv1.3})
 * @param cipher   the negotiated cipher suite
 * @param chain    the presented chain, leaf first, as the peer sent it
 */
public record TlsSession(String protocol, String cipher, List<X509Certificate> chain) {

    public TlsSession {
        chain = List.copyOf(chain);
    }
}
