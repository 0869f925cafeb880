package org.tlsrpt.core.decode;

import java.util.List;
import org.tlsrpt.core.problem.Refusal;

/** Everything found in one input: the reports that could be taken out and, for the rest, why not. */
public record DecodeResult(List<DecodedReport> reports, List<Refusal> refusals) {

    public DecodeResult {
        reports = List.copyOf(reports);
        refusals = List.copyOf(refusals);
    }
}
