package org.tlsrpt.core.parse;

import java.time.Instant;
import org.tlsrpt.core.decode.Envelope;
import org.tlsrpt.core.decode.ReportFileName;
import org.tlsrpt.core.problem.FindingCode;

/**
 * Compares the report body with what its envelope said (TLS-Report-Domain, Subject, file name) and records each
 * disagreement as {@link FindingCode#ENVELOPE_MISMATCH}. The body wins (RFC 8460 §5.6); values are compared
 * normalised, and only when both sides have one.
 */
final class EnvelopeCheck {

    static final EnvelopeCheck NONE = new EnvelopeCheck(null, null, null, null, null);

    private final String headerDomain;
    private final String subjectDomain;
    private final String subjectReportId;
    private final ReportFileName fileName;
    private final String fileNameDomain;

    private EnvelopeCheck(String headerDomain, String subjectDomain, String subjectReportId, ReportFileName fileName,
            String fileNameDomain) {
        this.headerDomain = headerDomain;
        this.subjectDomain = subjectDomain;
        this.subjectReportId = subjectReportId;
        this.fileName = fileName;
        this.fileNameDomain = fileNameDomain;
    }

    static EnvelopeCheck of(Envelope envelope) {
        if (envelope == null || envelope.equals(Envelope.NONE)) {
            return NONE;
        }
        ReportFileName fileName = envelope.reportFileName();
        return new EnvelopeCheck(domain(envelope.tlsReportDomain()), domain(envelope.subjectReportDomain()),
                reportId(envelope.subjectReportId()), fileName, fileName == null ? null : domain(fileName.policyDomain()));
    }

    /** The envelope's policy domain, normalised like a body's; null when it names none. */
    static String domainHint(Envelope envelope) {
        return envelope == null ? null : domain(envelope.policyDomainHint());
    }

    void checkPolicyDomain(String bodyDomain, String path, Findings findings) {
        compare(headerDomain, bodyDomain, "TLS-Report-Domain", path, findings);
        compare(subjectDomain, bodyDomain, "the Subject's Report Domain", path, findings);
        compare(fileNameDomain, bodyDomain, "the file name", path, findings);
    }

    void checkReportId(String bodyReportId, Findings findings) {
        compare(subjectReportId, bodyReportId, "the Subject's Report-ID", "$.report-id", findings);
    }

    void checkDateRange(Instant start, Instant end, Findings findings) {
        if (fileName == null) {
            return;
        }
        if (fileName.begin().getEpochSecond() != start.getEpochSecond()) {
            findings.add(FindingCode.ENVELOPE_MISMATCH, "$.date-range.start-datetime", "the file name begins at "
                    + DateTimes.format(fileName.begin()) + ", the body at " + DateTimes.format(start) + "; the body wins");
        }
        if (fileName.end().getEpochSecond() != end.getEpochSecond()) {
            findings.add(FindingCode.ENVELOPE_MISMATCH, "$.date-range.end-datetime", "the file name ends at "
                    + DateTimes.format(fileName.end()) + ", the body at " + DateTimes.format(end) + "; the body wins");
        }
    }

    private static void compare(String envelopeValue, String bodyValue, String source, String path,
            Findings findings) {
        if (envelopeValue != null && bodyValue != null && !envelopeValue.equals(bodyValue)) {
            findings.add(FindingCode.ENVELOPE_MISMATCH, path, source + " says " + JsonPaths.quote(envelopeValue)
                    + ", the body " + JsonPaths.quote(bodyValue) + "; the body wins");
        }
    }

    private static String domain(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.isEmpty()) {
            return null;
        }
        String normal = DomainName.normalize(trimmed);
        return normal != null ? normal : DomainName.lowerCase(trimmed);
    }

    private static String reportId(String value) {
        if (value == null) {
            return null;
        }
        String id = value.trim();
        if (id.length() >= 2 && id.charAt(0) == '<' && id.charAt(id.length() - 1) == '>') {
            id = id.substring(1, id.length() - 1).trim();
        }
        return id.isEmpty() ? null : id;
    }
}
