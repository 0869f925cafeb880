package org.tlsrpt.ingest.imap;

/** How the connection to an IMAP server is protected. */
public enum TlsMode {
    /** TLS from the first byte (IMAPS, port 993 by default). */
    IMAPS,
    /** Plain IMAP upgraded with STARTTLS; the connection fails if the server does not offer it (port 143). */
    STARTTLS,
    /** No TLS at all: credentials travel in clear. Only for tests against a local server. */
    PLAIN;

    int defaultPort() {
        return this == IMAPS ? 993 : 143;
    }

    /** The Jakarta Mail protocol name, also the prefix of its session properties. */
    String protocol() {
        return this == IMAPS ? "imaps" : "imap";
    }
}
