package org.tlsrpt.api.alert;

import org.tlsrpt.api.auth.Scope;

/**
 * Who may see a rule or webhook. Each row keeps the scope of the token that created it (its owner); a caller sees
 * the row when its own scope covers the owner's: an all-domains token sees everything, a scoped token sees rows
 * owned by scopes within its domains. A rule for one domain is also visible to every caller allowed that domain.
 */
public final class Ownership {

    private Ownership() {
    }

    public static boolean covers(Scope caller, Scope owner) {
        if (caller.allDomains()) {
            return true;
        }
        return !owner.allDomains() && caller.domains().containsAll(owner.domains());
    }

    public static boolean sees(Scope caller, AlertRule rule) {
        return rule.domain() != null ? caller.allows(rule.domain()) : covers(caller, rule.owner());
    }
}
