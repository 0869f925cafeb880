package org.tlsrpt.checks;

import java.time.Instant;
import java.util.List;

/**
 * Everything checked for one policy domain at one moment.
 *
 * @param domain    the policy domain, lower case, without a trailing dot
 * @param checkedAt when the check started
 * @param results   in the order they were found: domain records first, then each MX host
 */
public record DomainCheck(String domain, Instant checkedAt, List<CheckResult> results) {

    public DomainCheck {
        results = List.copyOf(results);
    }

    /** True when every result is {@code ok}. */
    public boolean ok() {
        return results.stream().allMatch(CheckResult::ok);
    }
}
