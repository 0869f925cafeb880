package org.tlsrpt.ingest.kafka;

import java.util.List;
import java.util.Locale;
import org.tlsrpt.core.ReadReport;
import org.tlsrpt.core.model.PolicyResult;
import org.tlsrpt.core.problem.Refusal;
import org.tlsrpt.core.problem.RefusalCode;
import org.tlsrpt.ingest.DkimVerdict;
import org.tlsrpt.ingest.dkim.DkimPolicy;

/**
 * Who may send: an optional allow-list of policy domains (exact, or a suffix written {@code .example.com}) for
 * providers who serve only their customers' domains, and the DKIM policy for mailed reports
 * ({@link DkimPolicy}).
 */
public record IntakePolicy(List<String> allowedDomains, DkimPolicy dkim) {

    public static final IntakePolicy OPEN = new IntakePolicy(List.of(), DkimPolicy.RECORD);

    public IntakePolicy {
        allowedDomains = allowedDomains.stream().map(d -> d.trim().toLowerCase(Locale.ROOT))
                .filter(d -> !d.isEmpty()).toList();
    }

    /** Why this report may not be stored, or null when it may. */
    String forbidden(ReadReport report) {
        if (allowedDomains.isEmpty()) {
            return null;
        }
        for (PolicyResult result : report.report().policies()) {
            String domain = result.policy().policyDomain();
            if (domain == null || !allowed(domain)) {
                return "policy domain " + (domain == null ? "(none)" : domain) + " is not served here";
            }
        }
        return null;
    }

    private boolean allowed(String domain) {
        for (String allowed : allowedDomains) {
            if (allowed.startsWith(".") ? domain.endsWith(allowed) || domain.equals(allowed.substring(1))
                    : domain.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    /** A quarantine reason when DKIM is required and this mailed report lacks a passing signature; else null. */
    Refusal dkimRefusal(DkimVerdict verdict, String location) {
        // HTTP reports carry no verdict: RFC 8460 asks for DKIM on mail only.
        if (verdict == null || dkim.permits(verdict)) {
            return null;
        }
        return new Refusal(RefusalCode.DKIM_REQUIRED, location,
                "DKIM is required and the verdict is " + verdict.result().name().toLowerCase(Locale.ROOT)
                        + (verdict.aligned() ? "" : ", not aligned with the submitter")
                        + (verdict.detail() == null ? "" : " (" + verdict.detail() + ")"));
    }
}
