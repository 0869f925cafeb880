package org.tlsrpt.core.decode;

import java.util.ArrayList;
import java.util.List;
import org.tlsrpt.core.problem.Finding;
import org.tlsrpt.core.problem.Refusal;

/**
 * Collects what one input gave, in the order found: each report as soon as it is decoded goes through the
 * caller's {@link ReportHandler}, and only what the handler returns is kept; refusals are kept as they are. Holds
 * the input's {@link InputBudget}. Not thread-safe; one per decode.
 */
final class Results<T> {

    private final ReportHandler<T> handler;
    private final InputBudget budget;
    private final List<T> handled = new ArrayList<>();
    private final List<Refusal> refusals = new ArrayList<>();

    Results(ReportHandler<T> handler, InputBudget budget) {
        this.handler = handler;
        this.budget = budget;
    }

    InputBudget budget() {
        return budget;
    }

    void add(DecodedReport report) {
        handled.add(handler.handle(report));
    }

    void add(Refusal refusal) {
        refusals.add(refusal);
    }

    int reportCount() {
        return handled.size();
    }

    int refusalCount() {
        return refusals.size();
    }

    /** Adds a finding to every report from index {@code from} on (the reports of one message or multipart). */
    void addFindingFrom(int from, Finding finding) {
        for (int i = from; i < handled.size(); i++) {
            handled.set(i, handler.withFinding(handled.get(i), finding));
        }
    }

    DecodeOutcome<T> toOutcome() {
        return new DecodeOutcome<>(handled, refusals, budget.spent());
    }
}
