package org.tlsrpt.core.decode;

import java.util.Arrays;
import org.tlsrpt.core.Limits;
import org.tlsrpt.core.problem.RefusalCode;

/**
 * A growing output buffer for decompressed bytes that refuses, while it fills, to hold more than
 * {@link Limits#maxDecompressedBytes()} or to expand more than {@link Limits#maxCompressionRatio()} times the
 * compressed bytes consumed (once past {@link Limits#ratioGraceBytes()}), or to take more than the input's
 * {@link InputBudget} has left. Grows geometrically, never past the smaller of the two plus one byte, so a bomb
 * costs at most that much memory.
 */
final class BoundedOutput {

    private static final int MIN_CAPACITY = 256;
    private static final long ARRAY_MAX = Integer.MAX_VALUE - 16;

    private final long maxBytes;
    private final long maxRatio;
    private final long graceBytes;
    private final InputBudget budget;
    /** True when the input's budget, not the per-report limit, sets {@link #maxBytes}. */
    private final boolean boundByBudget;
    private byte[] buf;
    private int len;

    BoundedOutput(Limits limits, InputBudget budget, long capacityHint) {
        long perReport = Math.min(limits.maxDecompressedBytes(), ARRAY_MAX - 1);
        this.budget = budget;
        this.boundByBudget = budget.remaining() < perReport;
        this.maxBytes = Math.max(0, Math.min(perReport, budget.remaining()));
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

    /** Records {@code n} bytes written at {@link #length()}, checks the limits, then charges the input's budget. */
    void advance(int n, long compressedConsumed) throws Refused {
        len += n;
        check(len, compressedConsumed);
        budget.spend(n);
    }

    /**
     * Checks limits for {@code produced} bytes made out of {@code compressedConsumed}; alone, for counting bytes
     * that are not stored, it leaves the budget alone.
     */
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
        if (boundByBudget) {
            return budget.exceeded();
        }
        return new Refused(RefusalCode.DECOMPRESSED_TOO_LARGE,
                "the report decompresses to more than " + maxBytes + " bytes");
    }
}
