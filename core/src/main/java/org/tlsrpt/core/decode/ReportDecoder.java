package org.tlsrpt.core.decode;

import org.tlsrpt.core.Limits;

/**
 * Takes the report JSON out of whatever carries it: raw JSON, gzip, zip, base64 text of a gzip, or an
 * RFC 5322 mail message (multipart/report, attachments, forwarded messages). Detects by magic bytes, not by
 * the declared media type or the file name, and enforces {@link Limits} while decompressing.
 * Thread-safe.
 */
public final class ReportDecoder {

    private final Limits limits;

    public ReportDecoder(Limits limits) {
        this.limits = limits;
    }

    /**
     * @param input        the bytes as received
     * @param declaredType the media type the transport declared, or null
     * @param fileName     the file or attachment name, or null
     */
    public DecodeResult decode(byte[] input, String declaredType, String fileName) {
        throw new UnsupportedOperationException("not yet");
    }
}
