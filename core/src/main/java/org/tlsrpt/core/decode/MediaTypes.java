package org.tlsrpt.core.decode;

import java.util.Locale;
import java.util.Set;

/** What declared media types and file names promise about a report, so that the bytes can be held to it. */
final class MediaTypes {

    private static final Set<String> REPORT_TYPES = Set.of(
            "application/tlsrpt+gzip", "application/tlsrpt+json", "application/tlsrpt");
    private static final Set<String> POSSIBLE_REPORT_TYPES = Set.of(
            "application/gzip", "application/x-gzip", "application/x-gzip-compressed", "application/zip",
            "application/x-zip-compressed", "application/json", "application/octet-stream");
    private static final Set<String> GZIP_TYPES = Set.of(
            "application/tlsrpt+gzip", "application/gzip", "application/x-gzip", "application/x-gzip-compressed");
    private static final Set<String> JSON_TYPES = Set.of(
            "application/tlsrpt+json", "application/json", "text/json");
    private static final Set<String> ZIP_TYPES = Set.of(
            "application/zip", "application/x-zip-compressed", "application/x-zip");

    private MediaTypes() {
    }

    /** {@code type/subtype} in lower case without parameters; null when nothing was declared. */
    static String baseType(String declared) {
        if (declared == null) {
            return null;
        }
        int semicolon = declared.indexOf(';');
        String base = (semicolon < 0 ? declared : declared.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        return base.isEmpty() ? null : base;
    }

    /** The format the declared type promises, or null when it promises none (octet-stream, unknown, absent). */
    static FormatSniffer.Format promised(String baseType) {
        if (baseType == null) {
            return null;
        }
        if (GZIP_TYPES.contains(baseType)) {
            return FormatSniffer.Format.GZIP;
        }
        if (JSON_TYPES.contains(baseType)) {
            return FormatSniffer.Format.JSON;
        }
        if (ZIP_TYPES.contains(baseType)) {
            return FormatSniffer.Format.ZIP;
        }
        return null;
    }

    /** A type that only a TLS report has (RFC 8460 §5.3, and the bare {@code application/tlsrpt} seen in the wild). */
    static boolean isReportType(String baseType) {
        return baseType != null && REPORT_TYPES.contains(baseType);
    }

    /** A generic type a report is sometimes sent as. */
    static boolean isPossibleReportType(String baseType) {
        return baseType != null && POSSIBLE_REPORT_TYPES.contains(baseType);
    }

    /** A name ending like a report file: {@code .json}, {@code .json.gz}, {@code .gz}, {@code .zip}. */
    static boolean hasReportFileName(String name) {
        if (name == null) {
            return false;
        }
        String lower = name.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith(".json") || lower.endsWith(".gz") || lower.endsWith(".gzip") || lower.endsWith(".zip");
    }
}
