package org.tlsrpt.core.decode;

/** Tells what a byte sequence is by its first bytes, never by a name or a declared type. */
final class FormatSniffer {

    enum Format { JSON, GZIP, ZIP, BASE64_GZIP, MAIL, UNKNOWN }

    /** What decompressed content starts with, as far as the bytes seen so far tell. */
    enum Content { JSON, GZIP, ZIP, OTHER, UNDECIDED }

    private static final int MAX_FIELD_NAME = 200;

    private FormatSniffer() {
    }

    /** Sniffs a complete input. */
    static Format sniff(byte[] b, int len) {
        if (len <= 0) {
            return Format.UNKNOWN;
        }
        if (isGzip(b, 0, len)) {
            return Format.GZIP;
        }
        if (isZip(b, 0, len)) {
            return Format.ZIP;
        }
        int first = firstNonWhitespace(b, skipBom(b, len), len);
        if (first < len && b[first] == '{') {
            return Format.JSON;
        }
        if (startsWithHeaderLine(b, len)) {
            return Format.MAIL;
        }
        if (isBase64OfGzip(b, len)) {
            return Format.BASE64_GZIP;
        }
        return Format.UNKNOWN;
    }

    /** Sniffs the start of decompressed output; {@code complete} when no more bytes will come. */
    static Content sniffContent(byte[] b, int len, boolean complete) {
        if (len >= 2 && isGzip(b, 0, len)) {
            return Content.GZIP;
        }
        if (len >= 4 && isZip(b, 0, len)) {
            return Content.ZIP;
        }
        if (!complete && len < 4) {
            return Content.UNDECIDED;
        }
        int first = firstNonWhitespace(b, skipBom(b, len), len);
        if (first < len) {
            return b[first] == '{' ? Content.JSON : Content.OTHER;
        }
        return complete ? Content.OTHER : Content.UNDECIDED;
    }

    static boolean isGzip(byte[] b, int off, int len) {
        return len >= 2 && (b[off] & 0xff) == 0x1f && (b[off + 1] & 0xff) == 0x8b;
    }

    /** A local file header, an empty archive's end record, or the spanning marker. */
    static boolean isZip(byte[] b, int off, int len) {
        if (len < 4 || b[off] != 'P' || b[off + 1] != 'K') {
            return false;
        }
        int c = b[off + 2];
        int d = b[off + 3];
        return (c == 3 && d == 4) || (c == 5 && d == 6) || (c == 7 && d == 8);
    }

    static int skipBom(byte[] b, int len) {
        return len >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf ? 3 : 0;
    }

    static int firstNonWhitespace(byte[] b, int from, int len) {
        int i = from;
        while (i < len && isWhitespace(b[i])) {
            i++;
        }
        return i;
    }

    private static boolean isWhitespace(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** An mbox {@code From } line, or an RFC 5322 field name (printable ASCII but colon) followed by a colon. */
    static boolean startsWithHeaderLine(byte[] b, int len) {
        if (len >= 5 && b[0] == 'F' && b[1] == 'r' && b[2] == 'o' && b[3] == 'm' && b[4] == ' ') {
            return true;
        }
        int i = 0;
        while (i < len && i <= MAX_FIELD_NAME && b[i] >= 33 && b[i] <= 126 && b[i] != ':') {
            i++;
        }
        if (i == 0) {
            return false;
        }
        while (i < len && (b[i] == ' ' || b[i] == '\t')) {
            i++; // obsolete syntax allows white space before the colon
        }
        return i < len && b[i] == ':';
    }

    /** Only base64 alphabet and white space, and the first characters decode to the gzip magic. */
    static boolean isBase64OfGzip(byte[] b, int len) {
        int first = firstNonWhitespace(b, 0, len);
        if (len - first < 4 || b[first] != 'H' || b[first + 1] != '4' || b[first + 2] != 's') {
            return false;
        }
        for (int i = first; i < len; i++) {
            byte c = b[i];
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/' || c == '=';
            if (!alphabet && !isWhitespace(c)) {
                return false;
            }
        }
        return true;
    }
}
