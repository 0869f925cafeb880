package org.tlsrpt.api.check;

import java.time.LocalDate;
import java.util.List;

/**
 * Failures the reports hold for one (result type, receiving MX) of a domain over a period.
 *
 * @param resultType  the result type as senders reported it (RFC 8460 §4.3, or whatever they wrote)
 * @param receivingMx the receiving MX host name as reported, lower case without a trailing dot; empty when
 *                    senders named none (typical of MTA-STS policy failures)
 * @param sessions    failed sessions (failure details' failed-session-count; sts and tlsa details of the same
 *                    sessions counted once)
 * @param firstSeen   first report day with this failure
 * @param lastSeen    last report day with this failure
 * @param reporters   the reporting organisations, sorted
 */
public record ReportedFailure(String resultType, String receivingMx, long sessions, LocalDate firstSeen,
                              LocalDate lastSeen, List<String> reporters) {

    public ReportedFailure {
        reporters = List.copyOf(reporters);
    }
}
