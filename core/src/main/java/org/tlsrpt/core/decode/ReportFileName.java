package org.tlsrpt.core.decode;

import java.time.Instant;
import java.util.Optional;

/**
 * The RFC 8460 §5.1 file name: {@code sender!policy-domain!begin-timestamp!end-timestamp[!unique-id].json[.gz]},
 * timestamps in seconds since the epoch.
 *
 * @param uniqueId null when the name has none
 */
public record ReportFileName(String sender, String policyDomain, Instant begin, Instant end, String uniqueId) {

    /** Reads a file name (a path is allowed; only its last segment counts); empty when it does not follow the convention. */
    public static Optional<ReportFileName> parse(String fileName) {
        if (fileName == null) {
            return Optional.empty();
        }
        String name = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1).trim();
        // a compression suffix, then .json: "x.json.gz", "x.json.zip", "x.gz", "x.json" (".json.zip" was missed before)
        name = stripSuffix(name, ".gz", ".gzip", ".zip");
        name = stripSuffix(name, ".json");
        String[] parts = name.split("!", -1);
        if (parts.length < 4 || parts.length > 5 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return Optional.empty();
        }
        try {
            Instant begin = Instant.ofEpochSecond(Long.parseLong(parts[2]));
            Instant end = Instant.ofEpochSecond(Long.parseLong(parts[3]));
            String uniqueId = parts.length == 5 && !parts[4].isEmpty() ? parts[4] : null;
            return Optional.of(new ReportFileName(parts[0], parts[1].toLowerCase(java.util.Locale.ROOT), begin, end,
                    uniqueId));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private static String stripSuffix(String name, String... suffixes) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        for (String suffix : suffixes) {
            if (lower.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }
}
