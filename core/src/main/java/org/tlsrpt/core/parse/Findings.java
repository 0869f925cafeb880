package org.tlsrpt.core.parse;

import java.util.ArrayList;
import java.util.List;
import org.tlsrpt.core.problem.Finding;
import org.tlsrpt.core.problem.FindingCode;

/** Collects the findings of one parse; allocates nothing until the first one (most reports have none). */
final class Findings {

    private List<Finding> list;

    void add(FindingCode code, String path, String message) {
        if (list == null) {
            list = new ArrayList<>(4);
        }
        list.add(new Finding(code, path, message));
    }

    List<Finding> toList() {
        return list == null ? List.of() : list;
    }
}
