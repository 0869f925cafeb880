package org.tlsrpt.core.parse;

import java.util.ArrayList;
import java.util.List;
import org.tlsrpt.core.problem.Finding;
import org.tlsrpt.core.problem.FindingCode;

/**
 * Collects the findings of one parse; allocates nothing until the first one (most reports have none).
 * Keeps at most {@link #MAX_KEPT}: a report with a quirk in each of 100,000 failure-details says no more with
 * 100,000 findings than with a hundred and a count of the rest.
 */
final class Findings {

    static final int MAX_KEPT = 100;

    private List<Finding> list;
    private int dropped;

    void add(FindingCode code, String path, String message) {
        if (list == null) {
            list = new ArrayList<>(4);
        }
        if (list.size() < MAX_KEPT) {
            list.add(new Finding(code, path, message));
        } else {
            dropped++;
        }
    }

    List<Finding> toList() {
        if (list == null) {
            return List.of();
        }
        if (dropped > 0) {
            List<Finding> all = new ArrayList<>(list);
            all.add(new Finding(FindingCode.FINDINGS_TRUNCATED, "$", dropped + " more findings not kept"));
            return all;
        }
        return list;
    }
}
