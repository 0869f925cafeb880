package org.tlsrpt.core.message;

import java.util.List;
import java.util.Objects;
import org.tlsrpt.core.model.TlsReport;
import org.tlsrpt.core.problem.Finding;

/** One report as published on {@code tlsrpt.reports}, keyed by {@link #key()}; its raw bytes travel beside it. */
public record ReportRecord(String key, TlsReport report, List<Finding> findings, Receipt receipt) {

    public ReportRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(receipt, "receipt");
        findings = List.copyOf(findings);
    }
}
