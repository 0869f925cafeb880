package org.tlsrpt.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The identity of a report: (organization-name, report-id, start, end), hashed to a stable hex string.
 * Used as the Kafka key so duplicates meet in one partition, and as the primary key downstream.
 */
public record ReportKey(String value) {

    public static ReportKey of(String organizationName, String reportId, DateRange range) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        // Each part is length-prefixed, so no two different tuples can produce the same bytes.
        StringBuilder identity = new StringBuilder(96);
        for (String part : new String[] {organizationName, reportId,
                DateTimeFormatter.ISO_INSTANT.format(range.start()), DateTimeFormatter.ISO_INSTANT.format(range.end())}) {
            identity.append(part.length()).append(':').append(part);
        }
        byte[] digest = sha256.digest(identity.toString().getBytes(StandardCharsets.UTF_8));
        // 128 bits are plenty against accidental collisions and keep keys short in every table.
        return new ReportKey(HexFormat.of().formatHex(digest, 0, 16));
    }

    @Override
    public String toString() {
        return value;
    }
}
