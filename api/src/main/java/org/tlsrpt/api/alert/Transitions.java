package org.tlsrpt.api.alert;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tlsrpt.core.Sha256;

/**
 * Compares what a rule finds now with what was remembered: a condition fires when it becomes true (new, or true
 * again after it cleared), resolves when an active condition is no longer found, and does nothing while it stays
 * true. This is what keeps one condition from firing twice.
 */
public final class Transitions {

    /** A new state to store, and the event it means. */
    public record Transition(ConditionState state, AlertEvent event) {
    }

    private Transitions() {
    }

    public static List<Transition> between(AlertRule rule, Map<String, ConditionState> previous,
            List<Condition> current, Instant at) {
        List<Transition> transitions = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Condition condition : current) {
            if (!seen.add(condition.key())) {
                continue;
            }
            ConditionState before = previous.get(condition.key());
            if (before != null && before.active()) {
                continue;
            }
            int sequence = before == null ? 1 : before.sequence() + 1;
            ConditionState state = new ConditionState(rule.id(), condition.key(), true, sequence, condition.domain(),
                    condition.summary(), at);
            transitions.add(new Transition(state, new AlertEvent(eventId(rule.id(), condition.key(), sequence),
                    AlertEvent.FIRED, rule.id(), rule.name(), rule.kind(), condition.domain(), condition.key(),
                    condition.summary(), condition.details(), at)));
        }
        for (ConditionState before : new TreeMap<>(previous).values()) {
            if (before.active() && !seen.contains(before.key())) {
                int sequence = before.sequence() + 1;
                String summary = "cleared: " + before.summary();
                ConditionState state = new ConditionState(rule.id(), before.key(), false, sequence, before.domain(),
                        summary, at);
                transitions.add(new Transition(state, new AlertEvent(eventId(rule.id(), before.key(), sequence),
                        AlertEvent.RESOLVED, rule.id(), rule.name(), rule.kind(), before.domain(), before.key(),
                        summary, Map.of("firedAt", before.changedAt().toString()), at)));
            }
        }
        return transitions;
    }

    /** The same rule, condition and transition number give the same id, on any instance. */
    static String eventId(String ruleId, String key, int sequence) {
        // the first 16 bytes of the digest, as before: ids already stored stay the same
        return Sha256.hex((ruleId + "\n" + key + "\n" + sequence).getBytes(StandardCharsets.UTF_8)).substring(0, 32);
    }
}
