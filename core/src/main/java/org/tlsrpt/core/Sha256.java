package org.tlsrpt.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of some bytes as 64 lower-case hex digits: how raw bytes are named on the quarantine topic and table,
 * how migrations are checksummed and how alert events get their id.
 */
public final class Sha256 {

    private Sha256() {
    }

    public static String hex(byte[] bytes) {
        return hex(bytes, 0, bytes.length);
    }

    /** Of {@code length} bytes from {@code offset}, without copying them. */
    public static String hex(byte[] bytes, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, offset, length);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
