package org.tlsrpt.core.parse;

import java.util.List;
import org.tlsrpt.core.model.TlsReport;
import org.tlsrpt.core.problem.Finding;
import org.tlsrpt.core.problem.Refusal;

/** The result of parsing one report's JSON: either a report with its findings, or a refusal. */
public sealed interface ParseOutcome {

    record Parsed(TlsReport report, List<Finding> findings) implements ParseOutcome {
        public Parsed {
            findings = List.copyOf(findings);
        }
    }

    record Refused(Refusal refusal) implements ParseOutcome {
    }
}
