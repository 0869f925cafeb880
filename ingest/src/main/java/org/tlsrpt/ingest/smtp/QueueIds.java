package org.tlsrpt.ingest.smtp;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Queue ids for accepted messages: 12 random hex digits, unguessable and unique enough to find a mail again. */
final class QueueIds {

    private final SecureRandom random = new SecureRandom();

    String next() {
        byte[] id = new byte[6];
        random.nextBytes(id);
        return HexFormat.of().withUpperCase().formatHex(id);
    }
}
