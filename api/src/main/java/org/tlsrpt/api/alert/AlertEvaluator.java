package org.tlsrpt.api.alert;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.tlsrpt.api.alert.webhook.Webhook;
import org.tlsrpt.api.alert.webhook.WebhookDispatcher;
import org.tlsrpt.api.owned.VersionedStore;

/**
 * Evaluates every enabled rule: finds its conditions, compares them with the stored state ({@link Transitions}),
 * stores each change first and then hands its event to those of the rule's webhooks whose owner may see the event's
 * domain. Runs only while this instance holds the lease, so two processors do not both fire. A rule whose query
 * fails is skipped this round and tried next time.
 */
public final class AlertEvaluator {

    private static final System.Logger LOG = System.getLogger(AlertEvaluator.class.getName());

    /** What one evaluation did. */
    public record Evaluation(boolean ran, int rules, List<AlertEvent> events) {
    }

    private final VersionedStore<AlertRule> rules;
    private final VersionedStore<Webhook> webhooks;
    private final AlertStateStore states;
    private final ConditionFinder finder;
    private final AlertLease lease;
    private final WebhookDispatcher dispatcher;
    private final Clock clock;

    public AlertEvaluator(VersionedStore<AlertRule> rules, VersionedStore<Webhook> webhooks, AlertStateStore states,
            ConditionFinder finder, AlertLease lease, WebhookDispatcher dispatcher, Clock clock) {
        this.rules = rules;
        this.webhooks = webhooks;
        this.states = states;
        this.finder = finder;
        this.lease = lease;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    public synchronized Evaluation evaluate() throws SQLException {
        if (!lease.tryAcquire()) {
            return new Evaluation(false, 0, List.of());
        }
        Instant now = clock.instant();
        List<AlertRule> enabled = rules.all().stream().filter(AlertRule::enabled).toList();
        Map<String, Map<String, ConditionState>> remembered = states.all();
        Map<String, Webhook> targets = webhooks.all().stream()
                .collect(Collectors.toMap(Webhook::id, Function.identity()));
        List<AlertEvent> events = new ArrayList<>();
        for (AlertRule rule : enabled) {
            List<Condition> conditions;
            try {
                conditions = finder.find(rule, now);
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.WARNING, "alert rule " + rule.id() + " could not be evaluated: "
                        + e.getMessage());
                continue;
            }
            for (Transitions.Transition transition : Transitions.between(rule,
                    remembered.getOrDefault(rule.id(), Map.of()), conditions, now)) {
                states.save(transition.state());
                AlertEvent event = transition.event();
                if (!event.fired() && !rule.notifyResolved()) {
                    continue;
                }
                events.add(event);
                for (String webhookId : rule.webhookIds()) {
                    Webhook webhook = targets.get(webhookId);
                    // a webhook hears only of domains its owner may see, whatever rule names it
                    AlertEvent visible = webhook == null ? null : event.visibleTo(webhook.owner());
                    if (visible != null) {
                        dispatcher.dispatch(webhook, visible);
                    }
                }
            }
        }
        return new Evaluation(true, enabled.size(), events);
    }
}
