package org.tlsrpt.core;

/**
 * Bounds on everything a hostile or broken sender controls. Enforced while streaming: nothing is fully
 * decompressed or parsed before being checked. {@link #DEFAULTS} suit a large provider; all are configurable.
 *
 * @param maxMessageBytes           largest input (mail message, HTTP body, file) accepted
 * @param maxDecompressedBytes      largest decompressed report
 * @param maxCompressionRatio       largest decompressed/compressed ratio once past {@code ratioGraceBytes}
 * @param ratioGraceBytes           decompressed bytes allowed before the ratio is enforced (tiny reports compress well)
 * @param maxJsonDepth              deepest JSON nesting
 * @param maxJsonStringLength       longest JSON string value (policy-string lines, additional-information)
 * @param maxPolicies               most entries in {@code policies}
 * @param maxFailureDetails         most entries in one policy's {@code failure-details}
 * @param maxSessionCount           largest believable session count; above it a count is refused as absurd
 * @param maxMimeParts              most MIME parts looked at in one message, all levels together
 * @param maxMimeDepth              deepest MIME nesting (multiparts and forwarded messages)
 * @param maxArchiveEntries         most entries read from one zip archive
 * @param maxInputDecompressedBytes most bytes decompressed from one input, all its zip entries and MIME parts
 *                                  together; what comes after is refused as {@code input-budget-exceeded}. Each
 *                                  part alone is bounded by {@code maxDecompressedBytes}, so without this an input
 *                                  of many parts could hold parts times that much at once
 */
public record Limits(
        long maxMessageBytes,
        long maxDecompressedBytes,
        int maxCompressionRatio,
        long ratioGraceBytes,
        int maxJsonDepth,
        int maxJsonStringLength,
        int maxPolicies,
        int maxFailureDetails,
        long maxSessionCount,
        int maxMimeParts,
        int maxMimeDepth,
        int maxArchiveEntries,
        long maxInputDecompressedBytes) {

    private static final long MIB = 1024L * 1024L;

    public static final Limits DEFAULTS = new Limits(
            20 * MIB,
            50 * MIB,
            300,
            MIB,
            32,
            1024 * 1024,
            1_000,
            100_000,
            1_000_000_000_000L,
            100,
            8,
            32,
            64 * MIB);

    public Limits {
        if (maxMessageBytes <= 0 || maxDecompressedBytes <= 0 || maxCompressionRatio <= 1 || ratioGraceBytes < 0
                || maxJsonDepth < 4 || maxJsonStringLength <= 0 || maxPolicies <= 0 || maxFailureDetails < 0
                || maxSessionCount <= 0 || maxMimeParts <= 0 || maxMimeDepth <= 0 || maxArchiveEntries <= 0
                || maxInputDecompressedBytes <= 0) {
            throw new IllegalArgumentException("every limit must be positive (JSON depth at least 4): " + this);
        }
    }

    /** These limits with another total budget of decompressed bytes per input. */
    public Limits withMaxInputDecompressedBytes(long bytes) {
        return new Limits(maxMessageBytes, maxDecompressedBytes, maxCompressionRatio, ratioGraceBytes, maxJsonDepth,
                maxJsonStringLength, maxPolicies, maxFailureDetails, maxSessionCount, maxMimeParts, maxMimeDepth,
                maxArchiveEntries, bytes);
    }
}
