package org.tlsrpt.api.alert;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.tlsrpt.api.alert.webhook.Webhook;
import org.tlsrpt.api.alert.webhook.WebhookStore;
import org.tlsrpt.api.auth.Scope;

/**
 * Creating, reading, changing and deleting alert rules on behalf of a caller: a caller only ever sees or touches
 * rules within its scope (another tenant's rule is "not found", never "forbidden", so ids reveal nothing).
 */
public final class AlertRules {

    private final AlertRuleStore rules;
    private final WebhookStore webhooks;
    private final Clock clock;

    public AlertRules(AlertRuleStore rules, WebhookStore webhooks, Clock clock) {
        this.rules = rules;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    public AlertRule create(Scope caller, RuleInput input) throws SQLException {
        Instant now = clock.instant();
        AlertRule rule = RuleValidation.validate(input, UUID.randomUUID().toString(), caller, caller,
                visibleWebhooks(caller), now, now);
        rules.save(rule);
        return rule;
    }

    public List<AlertRule> list(Scope caller) throws SQLException {
        return rules.all().stream().filter(rule -> Ownership.sees(caller, rule)).toList();
    }

    public AlertRule get(Scope caller, String id) throws SQLException {
        return rules.find(id).filter(rule -> Ownership.sees(caller, rule))
                .orElseThrow(() -> ProblemException.notFound("alert rule", id));
    }

    public AlertRule update(Scope caller, String id, RuleInput input) throws SQLException {
        AlertRule current = get(caller, id);
        AlertRule updated = RuleValidation.validate(input, id, current.owner(), caller, visibleWebhooks(caller),
                current.createdAt(), clock.instant());
        rules.save(updated);
        return updated;
    }

    public void delete(Scope caller, String id) throws SQLException {
        rules.delete(get(caller, id));
    }

    /** Rules that name a webhook, whoever owns them (a webhook in use is not deleted). */
    public List<AlertRule> using(String webhookId) throws SQLException {
        return rules.all().stream().filter(rule -> rule.webhookIds().contains(webhookId)).toList();
    }

    private Set<String> visibleWebhooks(Scope caller) throws SQLException {
        return webhooks.all().stream().filter(webhook -> Ownership.covers(caller, webhook.owner()))
                .map(Webhook::id).collect(Collectors.toSet());
    }
}
