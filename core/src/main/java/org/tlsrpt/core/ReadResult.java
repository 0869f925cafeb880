package org.tlsrpt.core;

import java.util.List;
import org.tlsrpt.core.problem.Refusal;

/**
 * What one input held: the reports that could be read and, for each part that could not, why.
 * An input with neither (impossible by construction) would be treated as refused by callers.
 */
public record ReadResult(List<ReadReport> reports, List<Refusal> refusals) {

    public ReadResult {
        reports = List.copyOf(reports);
        refusals = List.copyOf(refusals);
    }

    /** True when nothing in the input could be counted. */
    public boolean isRefused() {
        return reports.isEmpty();
    }
}
