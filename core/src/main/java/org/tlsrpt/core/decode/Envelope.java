package org.tlsrpt.core.decode;

import java.time.Instant;

/**
 * What the transport said about a report: mail headers (RFC 8460 §5.3), the attachment's file name.
 * Every field is null when absent. The report body wins over the envelope when they disagree (RFC 8460 §5.6).
 *
 * @param tlsReportDomain     the {@code TLS-Report-Domain} header
 * @param tlsReportSubmitter  the {@code TLS-Report-Submitter} header
 * @param subjectReportDomain {@code Report Domain:} from the Subject
 * @param subjectSubmitter    {@code Submitter:} from the Subject
 * @param subjectReportId     {@code Report-ID:} from the Subject, without angle brackets
 * @param fileName            the attachment's or file's name as given
 * @param reportFileName      the name read by the {@code sender!policy-domain!begin!end[!id]} convention
 * @param messageId           {@code Message-ID}, without angle brackets
 * @param from                the {@code From} address
 * @param date                the {@code Date} header, when it could be read
 * @param dkimSignaturePresent whether the message carries a {@code DKIM-Signature} header (not verified here)
 */
public record Envelope(
        String tlsReportDomain,
        String tlsReportSubmitter,
        String subjectReportDomain,
        String subjectSubmitter,
        String subjectReportId,
        String fileName,
        ReportFileName reportFileName,
        String messageId,
        String from,
        Instant date,
        boolean dkimSignaturePresent) {

    public static final Envelope NONE = new Envelope(null, null, null, null, null, null, null, null, null, null, false);

    /** An envelope holding only a file name, read by the naming convention when it follows it. */
    public static Envelope ofFileName(String fileName) {
        if (fileName == null) {
            return NONE;
        }
        return NONE.withFileName(fileName);
    }

    public Envelope withFileName(String name) {
        return new Envelope(tlsReportDomain, tlsReportSubmitter, subjectReportDomain, subjectSubmitter,
                subjectReportId, name, ReportFileName.parse(name).orElse(null), messageId, from, date,
                dkimSignaturePresent);
    }

    /** The policy domain the transport names, best source first; null when none does. */
    public String policyDomainHint() {
        if (tlsReportDomain != null) {
            return tlsReportDomain;
        }
        if (subjectReportDomain != null) {
            return subjectReportDomain;
        }
        return reportFileName == null ? null : reportFileName.policyDomain();
    }
}
