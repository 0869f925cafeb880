package org.tlsrpt.api.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.tlsrpt.api.auth.Scope;
import org.tlsrpt.api.owned.Owned;

/**
 * A validated alert rule. Fields that a kind does not use hold their defaults and are ignored.
 *
 * @param domain         one policy domain within {@code owner}, or null for every domain of {@code owner}
 * @param owner          the scope of the token that created the rule
 * @param threshold      failure-rate: the share of failed sessions (0..1) above which the rule fires
 * @param window         failure-rate, failure-spike, new-result-type: how far back from now to look
 * @param minSessions    failure-rate: fewer sessions than this in the window never fire
 * @param silentDays     reporter-silent: days without a report after which a reporter counts as silent
 * @param factor         failure-spike: k in "failed sessions of a day above k × the trailing daily mean"
 * @param baselineDays   failure-spike: days of the trailing mean; reporter-silent: how far back reporters are known
 * @param minFailures    failure-spike: a day with fewer failed sessions never fires
 * @param notifyResolved whether a condition that clears is delivered as {@code resolved}
 */
public record AlertRule(String id, String name, RuleKind kind, String domain, Scope owner, double threshold,
        Duration window, long minSessions, int silentDays, double factor, int baselineDays, long minFailures,
        List<String> webhookIds, boolean notifyResolved, boolean enabled, Instant createdAt, Instant updatedAt)
        implements Owned {

    public AlertRule {
        webhookIds = List.copyOf(webhookIds);
    }

    /**
     * The scope the rule evaluates: its one domain, or its owner's domains; never more than the owner's, even for a
     * row written before validation checked the domain against the owner (then nothing).
     */
    public Scope evaluatedScope() {
        if (domain == null) {
            return owner;
        }
        return Scope.of(owner.allows(domain) ? List.of(domain) : List.of());
    }
}
