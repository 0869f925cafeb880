package org.tlsrpt.api.alert;

import java.time.Instant;

/**
 * What the evaluator last decided about a condition.
 *
 * @param sequence how many times the condition changed (fired or resolved); names each transition, so the same
 *                 transition has the same event id on every instance that computes it
 */
public record ConditionState(String ruleId, String key, boolean active, int sequence, String domain, String summary,
        Instant changedAt) {
}
