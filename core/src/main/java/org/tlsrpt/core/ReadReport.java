package org.tlsrpt.core;

import java.util.List;
import org.tlsrpt.core.decode.Envelope;
import org.tlsrpt.core.model.ReportKey;
import org.tlsrpt.core.model.TlsReport;
import org.tlsrpt.core.problem.Finding;

/**
 * One report read from an input, with its envelope and every finding from decoding and parsing.
 *
 * @param location where in the input it was found ({@code $}, {@code mime:2}, {@code zip:name})
 */
public record ReadReport(TlsReport report, Envelope envelope, String location, List<Finding> findings) {

    public ReadReport {
        findings = List.copyOf(findings);
    }

    public ReportKey key() {
        return report.key();
    }
}
