package org.tlsrpt.core.decode;

import java.util.ArrayList;
import java.util.List;
import org.tlsrpt.core.problem.Finding;
import org.tlsrpt.core.problem.Refusal;

/** Collects what one input gave: reports and refusals, in the order found. Not thread-safe; one per decode. */
final class Results {

    private final List<DecodedReport> reports = new ArrayList<>();
    private final List<Refusal> refusals = new ArrayList<>();

    void add(DecodedReport report) {
        reports.add(report);
    }

    void add(Refusal refusal) {
        refusals.add(refusal);
    }

    int reportCount() {
        return reports.size();
    }

    int refusalCount() {
        return refusals.size();
    }

    /** Adds a finding to every report from index {@code from} on (the reports of one message or multipart). */
    void addFindingFrom(int from, Finding finding) {
        for (int i = from; i < reports.size(); i++) {
            DecodedReport r = reports.get(i);
            List<Finding> findings = new ArrayList<>(r.findings());
            findings.add(finding);
            reports.set(i, new DecodedReport(r.json(), r.length(), r.envelope(), r.location(), findings));
        }
    }

    DecodeResult toResult() {
        return new DecodeResult(reports, refusals);
    }
}
