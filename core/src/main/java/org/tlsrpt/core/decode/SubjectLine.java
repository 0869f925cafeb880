package org.tlsrpt.core.decode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The RFC 8460 §5.3 Subject: {@code Report Domain: X Submitter: Y Report-ID: <Z>}. Tolerates case, extra or
 * missing spaces, a hyphen or underscore for the space, a missing part, and other text before or after.
 *
 * @param reportDomain null when absent
 * @param submitter    null when absent
 * @param reportId     without angle brackets; null when absent
 */
record SubjectLine(String reportDomain, String submitter, String reportId) {

    static final SubjectLine NONE = new SubjectLine(null, null, null);

    private static final Pattern DOMAIN = Pattern.compile("report[\\s_-]*domain\\s*:\\s*([^\\s<>]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SUBMITTER = Pattern.compile("submitter\\s*:\\s*([^\\s<>]+)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern REPORT_ID = Pattern.compile(
            "report[\\s_-]*id\\s*:\\s*(?:<\\s*([^<>]*?)\\s*(?:>|$)|([^\\s<>]+))", Pattern.CASE_INSENSITIVE);
    private static final int MAX_SUBJECT = 2000;

    static SubjectLine parse(String subject) {
        if (subject == null || subject.isBlank()) {
            return NONE;
        }
        String text = subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT) : subject;
        String domain = first(DOMAIN.matcher(text));
        String submitter = first(SUBMITTER.matcher(text));
        String reportId = first(REPORT_ID.matcher(text));
        return new SubjectLine(domain == null ? null : stripPunctuation(domain),
                submitter == null ? null : stripPunctuation(submitter), reportId);
    }

    private static String first(Matcher m) {
        if (!m.find()) {
            return null;
        }
        for (int g = 1; g <= m.groupCount(); g++) {
            String value = m.group(g);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    /** {@code example.net,} or {@code example.net;} in prose-like subjects. */
    private static String stripPunctuation(String value) {
        int end = value.length();
        while (end > 0 && ",;".indexOf(value.charAt(end - 1)) >= 0) {
            end--;
        }
        return end == 0 ? null : value.substring(0, end);
    }
}
