package org.tlsrpt.api.owned;

import org.tlsrpt.api.auth.Scope;

/**
 * Who may see, change and delete an owned thing: a caller whose scope covers the owner's. An all-domains token
 * covers everything; a scoped token covers owners whose domains are all among its own, and never an all-domains
 * owner. So a scoped token cannot reach a rule an administrator made for one of its domains: editing it would let
 * the tenant reuse the administrator's wider scope (docs/security.md, hole 1). For the caller, such a thing does not
 * exist (404), exactly like an unknown id.
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
}
