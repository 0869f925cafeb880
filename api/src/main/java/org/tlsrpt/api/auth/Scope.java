package org.tlsrpt.api.auth;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The policy domains a caller may see: all of them, or a fixed list. Every endpoint filters by it, the raw
 * download included, so a token scoped to one customer's domains never reveals another's.
 *
 * @param allDomains true for an unrestricted token
 * @param domains    the allowed policy domains (lower case, exact match), empty when {@code allDomains}
 */
public record Scope(boolean allDomains, Set<String> domains) {

    public Scope {
        TreeSet<String> lower = new TreeSet<>();
        for (String domain : domains) {
            lower.add(domain.toLowerCase(Locale.ROOT));
        }
        domains = allDomains ? Set.of() : java.util.Collections.unmodifiableSortedSet(lower);
    }

    public static Scope all() {
        return new Scope(true, Set.of());
    }

    public static Scope of(Collection<String> domains) {
        return new Scope(false, Set.copyOf(domains));
    }

    public boolean allows(String domain) {
        return allDomains || domains.contains(domain.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether a report about {@code policyDomains} may be shown: every one of them must be allowed, so that a
     * report (or a raw mail) that also speaks about another customer's domain is never handed out; a report
     * naming no domain is for unrestricted callers only.
     */
    public boolean allowsAll(Collection<String> policyDomains) {
        if (allDomains) {
            return true;
        }
        if (policyDomains.isEmpty()) {
            return false;
        }
        for (String domain : policyDomains) {
            if (!allows(domain)) {
                return false;
            }
        }
        return true;
    }
}
