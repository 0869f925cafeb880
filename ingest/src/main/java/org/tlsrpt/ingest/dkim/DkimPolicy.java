package org.tlsrpt.ingest.dkim;

import org.tlsrpt.ingest.DkimVerdict;

/**
 * What a DKIM verdict means for a mailed report. The channels only verify and pass the verdict on in the
 * {@link org.tlsrpt.ingest.Intake}; the {@link org.tlsrpt.ingest.ReportIntake} applies the policy, so that the
 * decision (and its quarantine reason) is made once for SMTP and IMAP alike.
 */
public enum DkimPolicy {
    /** Record the verdict on the report and accept it whatever it says (the default: many senders do not sign). */
    RECORD,
    /**
     * Accept only reports with a signature that verified and aligns with the submitter (RFC 8460 §3); others go
     * to quarantine with the verdict as reason. A {@link DkimVerdict.Result#TEMPERROR} is better answered as
     * unavailable (SMTP 451), so that the sender retries once DNS answers again.
     */
    REQUIRE;

    /** Whether a report with this verdict may be stored as a report (as opposed to quarantined). */
    public boolean permits(DkimVerdict verdict) {
        if (this == RECORD) {
            return true;
        }
        return verdict != null && verdict.result() == DkimVerdict.Result.PASS && verdict.aligned();
    }
}
