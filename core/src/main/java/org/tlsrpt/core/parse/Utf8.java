package org.tlsrpt.core.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF. Jackson's
 * decoder accepts overlong forms ({@code C0 AF} reads as '/') and turns code points above U+10FFFF into lone
 * surrogates, so the bytes are checked before parsing. ASCII runs are skipped eight bytes at a time.
 */
final class Utf8 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {
    }

    /** The index of the first byte of the first invalid sequence in {@code bytes[from..from+length)}, or -1. */
    static int firstInvalid(byte[] bytes, int from, int length) {
        int end = from + length;
        int i = from;
        while (i < end) {
            if (i + 8 <= end && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
                i += 8;
                continue;
            }
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            b &= 0xff;
            int needed;
            int min;
            if (b >= 0xC2 && b <= 0xDF) {
                needed = 1;
                min = 0x80;
            } else if (b >= 0xE0 && b <= 0xEF) {
                needed = 2;
                min = 0x800;
            } else if (b >= 0xF0 && b <= 0xF4) {
                needed = 3;
                min = 0x10000;
            } else {
                return i;
            }
            if (i + needed >= end) {
                return i;
            }
            int codePoint = b & (0x3F >> needed);
            for (int k = 1; k <= needed; k++) {
                int next = bytes[i + k] & 0xff;
                if ((next & 0xC0) != 0x80) {
                    return i;
                }
                codePoint = codePoint << 6 | (next & 0x3F);
            }
            if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                return i;
            }
            i += needed + 1;
        }
        return -1;
    }
}
