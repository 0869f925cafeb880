package org.tlsrpt.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a report: (organization-name, report-id, start, end), hashed to a stable hex string.
 * Used as the Kafka key so duplicates meet in one partition, and as the primary key downstream.
 */
public record ReportKey(String value) {

    /** SHA-256 instances are not thread-safe and costly to look up; one per thread is reused. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    });

    public static ReportKey of(String organizationName, String reportId, DateRange range) {
        // Each part is length-prefixed, so no two different tuples can produce the same bytes. Instants are
        // written as epoch seconds and nanoseconds: exact, and cheaper than formatting them.
        StringBuilder identity = new StringBuilder(96);
        for (String part : new String[] {organizationName, reportId, instant(range.start()), instant(range.end())}) {
            identity.append(part.length()).append(':').append(part);
        }
        MessageDigest sha256 = SHA256.get();
        byte[] digest = sha256.digest(identity.toString().getBytes(StandardCharsets.UTF_8));
        // 128 bits are plenty against accidental collisions and keep keys short in every table.
        return new ReportKey(HexFormat.of().formatHex(digest, 0, 16));
    }

    private static String instant(java.time.Instant instant) {
        return instant.getEpochSecond() + "." + instant.getNano();
    }

    @Override
    public String toString() {
        return value;
    }
}
