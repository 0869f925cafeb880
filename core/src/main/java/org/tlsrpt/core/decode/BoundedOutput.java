package org.tlsrpt.core.decode;

import java.util.Arrays;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.problem.RefusalCode;

/**
 * A growing output buffer for decompressed bytes that refuses, while it fills, to hold more than
 * {@link Limits#maxDecompressedBytes()} or to expand more than {@link Limits#maxCompressionRatio()} times the
 * compressed bytes consumed (once past {@link Limits#ratioGraceBytes()}). Grows geometrically, never past the
 * size limit plus one byte, so a bomb costs at most that much memory.
 */
final class BoundedOutput {

    private static final int MIN_CAPACITY = 256;
    private static final long ARRAY_MAX = Integer.MAX_VALUE - 16;

    private final long maxBytes;
    private final long maxRatio;
    private final long graceBytes;
    private byte[] buf;
    private int len;

    BoundedOutput(Limits limits, long capacityHint) {
        this.maxBytes = Math.min(limits.maxDecompressedBytes(), ARRAY_MAX - 1);
        this.maxRatio = limits.maxCompressionRatio();
        this.graceBytes = limits.ratioGraceBytes();
        long initial = Math.max(MIN_CAPACITY, Math.min(capacityHint, maxBytes + 1));
        this.buf = new byte[(int) initial];
    }

    byte[] buffer() {
        return buf;
    }

    int length() {
        return len;
    }

    /** Free space after {@link #length()}, at least one byte unless the size limit was reached. */
    int ensureSpace() throws Refused {
        if (len < buf.length) {
            return buf.length - len;
        }
        if (len > maxBytes) {
            throw tooLarge();
        }
        long grown = Math.min(Math.max((long) buf.length * 2, MIN_CAPACITY), maxBytes + 1);
        buf = Arrays.copyOf(buf, (int) grown);
        return buf.length - len;
    }

    /** Records {@code n} bytes written at {@link #length()}, then checks both limits. */
    void advance(int n, long compressedConsumed) throws Refused {
        len += n;
        check(len, compressedConsumed);
    }

    /** Checks limits for {@code produced} bytes made out of {@code compressedConsumed} (for counting, not storing). */
    void check(long produced, long compressedConsumed) throws Refused {
        if (produced > maxBytes) {
            throw tooLarge();
        }
        if (produced > graceBytes && produced > maxRatio * Math.max(1, compressedConsumed)) {
            throw new Refused(RefusalCode.COMPRESSION_RATIO,
                    "the data expands more than " + maxRatio + " times (" + produced + " bytes out of "
                            + compressedConsumed + ")");
        }
    }

    private Refused tooLarge() {
        return new Refused(RefusalCode.DECOMPRESSED_TOO_LARGE,
                "the report decompresses to more than " + maxBytes + " bytes");
    }
}
