package org.tlsrpt.api.alert;

import java.util.List;

/**
 * An alert rule as a client sends it (POST and PUT bodies). Every field may be missing; {@link RuleValidation}
 * says what is wrong.
 *
 * @param window a duration such as {@code 24h} or {@code 7d}
 */
public record RuleInput(String name, String kind, String domain, List<String> webhookIds, Double threshold,
        String window, Long minSessions, Integer silentDays, Double factor, Integer baselineDays, Long minFailures,
        Boolean notifyResolved, Boolean enabled) {
}
