package org.tlsrpt.api.alert;

import java.time.Instant;
import java.util.Map;
import org.tlsrpt.api.auth.Scope;

/**
 * A condition of a rule that became true ({@code fired}) or cleared ({@code resolved}): what a webhook delivers.
 *
 * @param id           stable for this transition: every instance and every retry sends the same id, so a
 *                     receiver can drop duplicates (header {@code X-Tlsrpt-Event-Id})
 * @param type         {@code fired} or {@code resolved}
 * @param conditionKey what the condition is about within the rule, e.g. {@code example.com|certificate-expired}
 * @param details      the numbers behind the summary
 */
public record AlertEvent(String id, String type, String ruleId, String ruleName, RuleKind kind, String domain,
        String conditionKey, String summary, Map<String, Object> details, Instant at) {

    public static final String FIRED = "fired";
    public static final String RESOLVED = "resolved";

    public AlertEvent {
        details = Map.copyOf(details);
    }

    public boolean fired() {
        return FIRED.equals(type);
    }

    /**
     * This event as a webhook owned by {@code owner} may hear it, or null: an event about one domain only when the
     * owner may see that domain; a weekly digest with only the domains the owner may see.
     */
    public AlertEvent visibleTo(Scope owner) {
        if (kind == RuleKind.WEEKLY_DIGEST) {
            return WeeklyDigests.visibleTo(this, owner);
        }
        return owner.allows(domain) ? this : null;
    }
}
