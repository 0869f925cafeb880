package org.tlsrpt.core.decode;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import org.tlsrpt.core.problem.RefusalCode;

/** Base64 text (line-broken or not) back to bytes. The output is smaller than the input, so it is bounded by it. */
final class Base64Text {

    private Base64Text() {
    }

    static byte[] decode(byte[] text, int len) throws Refused {
        byte[] clean = new byte[len];
        int n = 0;
        for (int i = 0; i < len; i++) {
            byte c = text[i];
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                clean[n++] = c;
            }
        }
        try {
            return toArray(Base64.getDecoder().decode(ByteBuffer.wrap(clean, 0, n)));
        } catch (IllegalArgumentException e) {
            throw new Refused(RefusalCode.CORRUPT_COMPRESSION, "the base64 text is damaged");
        }
    }

    /**
     * Lenient decoding of a MIME part's base64 body, as mail readers do: characters outside the alphabet are
     * skipped and a broken tail is dropped rather than refused.
     */
    static byte[] decodeLenient(byte[] text, int len) {
        byte[] clean = new byte[len];
        int n = 0;
        for (int i = 0; i < len; i++) {
            byte c = text[i];
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/') {
                clean[n++] = c;
            } else if (c == '=') {
                break; // padding ends the data
            }
        }
        if (n % 4 == 1) {
            n--; // a lone sextet carries no whole byte
        }
        return toArray(Base64.getDecoder().decode(ByteBuffer.wrap(clean, 0, n)));
    }

    private static byte[] toArray(ByteBuffer decoded) {
        byte[] array = decoded.array();
        int from = decoded.arrayOffset() + decoded.position();
        return from == 0 && decoded.remaining() == array.length
                ? array
                : Arrays.copyOfRange(array, from, from + decoded.remaining());
    }
}
