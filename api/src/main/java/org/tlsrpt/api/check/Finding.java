package org.tlsrpt.api.check;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tlsrpt.checks.CheckResult;

/**
 * One reported failure beside the live checks of the same thing.
 *
 * @param failure     what the reports hold
 * @param verdict     what the checks say about it
 * @param fixedSince  for {@link Verdict#FIXED}: the first check that passed after the last that failed
 * @param checkedAt   when the newest check that looked at it ran
 * @param current     the newest check's results about the same thing (empty for {@link Verdict#UNKNOWN})
 * @param explanation the verdict in plain words, for a person
 */
public record Finding(ReportedFailure failure, Verdict verdict, Optional<Instant> fixedSince,
                      Optional<Instant> checkedAt, List<CheckResult> current, String explanation) {

    public Finding {
        current = List.copyOf(current);
    }
}
