package org.tlsrpt.api.auth;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who made the current API request, as established by the bearer-token filter before any resource runs.
 * Resources read {@link #scope()} and pass it to their queries.
 */
@RequestScoped
public class Caller {

    private Scope scope;
    private String tokenId;

    /** Set once by the authentication filter. */
    public void authenticated(String tokenId, Scope scope) {
        this.tokenId = tokenId;
        this.scope = scope;
    }

    /** The caller's scope; only reached by resources behind the filter, which refuses calls without a token. */
    public Scope scope() {
        if (scope == null) {
            throw new IllegalStateException("no authenticated caller in this request");
        }
        return scope;
    }

    public String tokenId() {
        return tokenId;
    }
}
