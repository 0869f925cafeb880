package org.tlsrpt.core.model;

import java.util.List;
import java.util.Objects;

/** One entry of a report's {@code policies} array: the policy applied, its session counts and failure details. */
public record PolicyResult(Policy policy, Summary summary, List<FailureDetail> failureDetails) {

    public PolicyResult {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(summary, "summary");
        failureDetails = List.copyOf(failureDetails);
    }

    /** Sum of the failure details' session counts; may differ from the summary's total (senders truncate). */
    public long failureDetailSessionCount() {
        long sum = 0;
        for (FailureDetail detail : failureDetails) {
            sum += detail.failedSessionCount();
        }
        return sum;
    }
}
