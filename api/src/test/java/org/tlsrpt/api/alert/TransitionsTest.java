package org.tlsrpt.api.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tlsrpt.api.auth.Scope;

class TransitionsTest {

    private static final AlertRule RULE = new AlertRule("r1", "rate", RuleKind.FAILURE_RATE, null, Scope.all(), 0.1,
            Duration.ofDays(1), 1, 0, 0, 28, 1, List.of("w1"), true, true, Instant.EPOCH, Instant.EPOCH);
    private static final Condition A = new Condition("a.example", "a.example", "a is failing", Map.of());
    private static final Condition B = new Condition("b.example", "b.example", "b is failing", Map.of());

    @Test
    void aConditionFiresOnceWhileItStaysTrueThenResolvesThenFiresAgainWithANewEventId() {
        Map<String, ConditionState> states = new HashMap<>();
        List<Transitions.Transition> first = apply(states, List.of(A, B), "2026-11-01T00:00:00Z");
        assertThat(first).extracting(t -> t.event().type() + " " + t.event().conditionKey())
                .containsExactly("fired a.example", "fired b.example");

        assertThat(apply(states, List.of(A, B), "2026-11-01T00:01:00Z")).isEmpty();

        List<Transitions.Transition> cleared = apply(states, List.of(B), "2026-11-01T00:02:00Z");
        assertThat(cleared).extracting(t -> t.event().type() + " " + t.event().conditionKey())
                .containsExactly("resolved a.example");
        assertThat(cleared.get(0).event().summary()).isEqualTo("cleared: a is failing");

        List<Transitions.Transition> again = apply(states, List.of(A, B), "2026-11-01T00:03:00Z");
        assertThat(again).extracting(t -> t.state().sequence()).containsExactly(3);
        assertThat(again.get(0).event().id()).isNotEqualTo(first.get(0).event().id())
                .isEqualTo(Transitions.eventId("r1", "a.example", 3));
    }

    @Test
    void twoInstancesComputingTheSameTransitionGiveTheSameEventId() {
        List<Transitions.Transition> one = Transitions.between(RULE, Map.of(), List.of(A), Instant.EPOCH);
        List<Transitions.Transition> two = Transitions.between(RULE, Map.of(), List.of(A), Instant.ofEpochSecond(5));
        assertThat(one.get(0).event().id()).isEqualTo(two.get(0).event().id());
    }

    private static List<Transitions.Transition> apply(Map<String, ConditionState> states, List<Condition> now,
            String at) {
        List<Transitions.Transition> transitions = Transitions.between(RULE, states, now, Instant.parse(at));
        transitions.forEach(t -> states.put(t.state().key(), t.state()));
        return transitions;
    }
}
