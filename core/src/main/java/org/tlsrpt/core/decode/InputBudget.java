package org.tlsrpt.core.decode;

import org.tlsrpt.core.Limits;
import org.tlsrpt.core.problem.RefusalCode;

/**
 * The decompressed bytes one input may still produce, all its zip entries and MIME parts together
 * ({@link Limits#maxInputDecompressedBytes()}). Each part alone is bounded by {@link BoundedOutput}; this bounds
 * their sum, so that an input of many parts that each pass cannot add up to more than the heap holds. Counts what
 * was inflated into memory, kept or not, so the count is an upper bound on the decompressed bytes alive at once.
 * One per input; not thread-safe.
 */
final class InputBudget {

    private final long limit;
    private long spent;
    private boolean exhausted;

    InputBudget(long limit) {
        this.limit = limit;
    }

    /** No budget: for bytes inflated only to be counted and dropped, such as the rest of a refused zip entry. */
    static InputBudget unlimited() {
        return new InputBudget(Long.MAX_VALUE);
    }

    /** Bytes the next part may still produce. */
    long remaining() {
        return limit - spent;
    }

    /** Bytes decompressed so far from this input. */
    long spent() {
        return spent;
    }

    /** Records {@code n} bytes produced; the caller stays within {@link #remaining()}. */
    void spend(long n) {
        spent += n;
    }

    /** True once a part was refused for the budget: the parts after it are not read. */
    boolean exhausted() {
        return exhausted;
    }

    /** The refusal for the part that went past the budget; from then on the input is {@link #exhausted()}. */
    Refused exceeded() {
        exhausted = true;
        return new Refused(RefusalCode.INPUT_BUDGET_EXCEEDED, "the input's parts decompress to more than " + limit
                + " bytes together; this part and the parts after it were not read");
    }
}
